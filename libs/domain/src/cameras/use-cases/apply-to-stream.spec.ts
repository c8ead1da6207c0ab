import type { CameraStreamController } from '../../streams/camera-stream-controller';
import { aCamera, FakeClock, InMemoryCameras, RecordingPublisher } from '../../testing';
import type { Camera } from '../camera';
import { applyToStream, type ApplyToStreamDeps } from './apply-to-stream';

class FakeStreams implements CameraStreamController {
  readonly active = new Set<string>();
  readonly calls: string[] = [];
  async start(camera: Camera) {
    this.calls.push(`start ${camera.id} ${camera.rtspUrl} fps=${camera.fps}`);
    this.active.add(camera.id);
  }
  async stop(id: string) {
    this.calls.push(`stop ${id}`);
    this.active.delete(id);
  }
  async reconfigure(camera: Camera) {
    this.calls.push(`reconfigure ${camera.id} fps=${camera.fps} detection=${camera.detectionEnabled}`);
  }
  isActive(id: string) {
    return this.active.has(id);
  }
}

const before = aCamera({ rtspUrl: 'rtsp://h/a', status: 'running', ownerId: 'u1', viewerIds: ['u2'] });

async function setup(running: boolean) {
  const streams = new FakeStreams();
  if (running) streams.active.add('c1');
  const deps: ApplyToStreamDeps = {
    cameras: new InMemoryCameras(),
    publisher: new RecordingPublisher(),
    clock: new FakeClock(),
    streams,
  };
  return { deps, streams, publisher: deps.publisher as RecordingPublisher };
}

async function apply(running: boolean, changes: Partial<Camera>) {
  const world = await setup(running);
  const after = { ...before, ...changes };
  await world.deps.cameras.create(after);
  const result = await applyToStream(world.deps, before, after);
  return { ...world, after, result };
}

describe('applyToStream on a running camera', () => {
  it('stops it when disabled, even if the address changed too', async () => {
    const { streams } = await apply(true, { enabled: false, rtspUrl: 'rtsp://h/b' });
    expect(streams.calls).toEqual(['stop c1']);
    expect(streams.isActive('c1')).toBe(false);
  });

  it('restarts it on a new address, with the new settings', async () => {
    const { streams } = await apply(true, { rtspUrl: 'rtsp://h/b', fps: 5 });
    expect(streams.calls).toEqual(['stop c1', 'start c1 rtsp://h/b fps=5']);
  });

  it.each([
    [{ fps: 20 }, 'reconfigure c1 fps=20 detection=true'],
    [{ detectionEnabled: false }, 'reconfigure c1 fps=10 detection=false'],
    [{ fps: 3, detectionEnabled: false }, 'reconfigure c1 fps=3 detection=false'],
  ])('reconfigures it live for %j', async (changes, call) => {
    const { streams } = await apply(true, changes);
    expect(streams.calls).toEqual([call]);
  });

  it('leaves it alone for a name or location change', async () => {
    const { streams, publisher } = await apply(true, { name: 'Renamed', location: 'Hall' });
    expect(streams.calls).toEqual([]);
    expect(publisher.states).toEqual([]);
  });

  it('returns the camera as stored after the stream calls', async () => {
    const world = await setup(true);
    const after = { ...before, fps: 20 };
    await world.deps.cameras.create(after);
    world.streams.reconfigure = async (camera) => {
      await world.deps.cameras.update(camera.id, { status: 'starting' });
    };
    expect(await applyToStream(world.deps, before, after)).toMatchObject({ fps: 20, status: 'starting' });
  });
});

describe('applyToStream without a running stream', () => {
  it('starts nothing and publishes the new fps', async () => {
    const { streams, publisher, result, after } = await apply(false, { fps: 20, rtspUrl: 'rtsp://h/b', status: 'stopped' });
    expect(streams.calls).toEqual([]);
    expect(result).toBe(after);
    expect(publisher.states.map((s) => s.event)).toEqual([
      { cameraId: 'c1', status: 'stopped', fps: 0, timestamp: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(publisher.states[0].audience).toEqual({ cameraId: 'c1', userIds: ['u1', 'u2'], includeAdmins: true });
  });

  it('publishes nothing when neither fps nor status changed', async () => {
    const { publisher } = await apply(false, { detectionEnabled: false, name: 'x' });
    expect(publisher.states).toEqual([]);
  });
});
