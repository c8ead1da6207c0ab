import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import type { CameraStreamController } from '../../streams/camera-stream-controller';
import { aCamera, anAdmin, anOperator, aViewer, FakeClock, InMemoryCameras, RecordingPublisher } from '../../testing';
import type { Camera } from '../camera';
import { UpdateCamera } from './update-camera';

const admin = anAdmin();
const owner = anOperator();
const otherOp = anOperator('u-other');
const listedViewer = aViewer();
const listedOp = anOperator('u-listed-op');

const STORED_URL = 'rtsp://cam:s3cret@10.0.0.2:554/live';
const T0 = new Date('2026-01-01T00:00:00Z');

class FakeStreams implements CameraStreamController {
  readonly active = new Set<string>();
  readonly calls: string[] = [];
  async start(camera: Camera) {
    this.calls.push(`start ${camera.rtspUrl}`);
    this.active.add(camera.id);
  }
  async stop(id: string) {
    this.calls.push(`stop ${id}`);
    this.active.delete(id);
  }
  async reconfigure(camera: Camera) {
    this.calls.push(`reconfigure fps=${camera.fps}`);
  }
  isActive(id: string) {
    return this.active.has(id);
  }
}

async function setup() {
  const clock = new FakeClock(T0);
  const cameras = new InMemoryCameras();
  const streams = new FakeStreams();
  await cameras.create(aCamera({ location: 'North', rtspUrl: STORED_URL, viewerIds: ['u-viewer', 'u-listed-op'] }));
  clock.advance(60_000);
  return { clock, cameras, streams, update: new UpdateCamera({ cameras, publisher: new RecordingPublisher(), clock, streams }) };
}

const body = (overrides: Record<string, unknown> = {}) => ({
  name: 'Gate 2',
  location: 'South',
  rtspUrl: 'rtsp://cam:***@10.0.0.2:554/live',
  ...overrides,
});

describe('UpdateCamera', () => {
  it('lets the owner replace the settings, keeping the stored password for a masked URL', async () => {
    const { update, cameras } = await setup();
    const updated = await update.execute(owner, 'c1', body({ fps: 15, detectionEnabled: false }));
    expect(updated).toMatchObject({ name: 'Gate 2', location: 'South', rtspUrl: STORED_URL, fps: 15, detectionEnabled: false, enabled: true });
    expect(updated.updatedAt).toEqual(new Date('2026-01-01T00:01:00Z'));
    expect(updated.createdAt).toEqual(T0);
    expect(cameras.rows.get('c1')?.rtspUrl).toBe(STORED_URL);
  });

  it('replaces the password when a new one is sent', async () => {
    const { update, cameras } = await setup();
    await update.execute(owner, 'c1', body({ rtspUrl: 'rtsp://cam:n3w-pass@10.0.0.2:554/live' }));
    expect(cameras.rows.get('c1')?.rtspUrl).toBe('rtsp://cam:n3w-pass@10.0.0.2:554/live');
  });

  it('drops the credentials when the URL comes without them', async () => {
    const { update, cameras } = await setup();
    await update.execute(admin, 'c1', body({ rtspUrl: 'rtsp://10.0.0.2:554/live' }));
    expect(cameras.rows.get('c1')?.rtspUrl).toBe('rtsp://10.0.0.2:554/live');
  });

  it('keeps omitted optional fields as stored', async () => {
    const { update } = await setup();
    const updated = await update.execute(admin, 'c1', body());
    expect(updated).toMatchObject({ enabled: true, detectionEnabled: true, fps: 10, ownerId: 'u-owner', viewerIds: ['u-viewer', 'u-listed-op'] });
  });

  it('forbids a viewer of the camera, whatever their role', async () => {
    const { update, cameras } = await setup();
    await expect(update.execute(listedViewer, 'c1', body())).rejects.toThrow(
      new ForbiddenError('You may view this camera but not change it'),
    );
    await expect(update.execute(listedOp, 'c1', body())).rejects.toBeInstanceOf(ForbiddenError);
    expect(cameras.rows.get('c1')?.name).toBe('Gate');
  });

  it('answers another operator as if the camera did not exist', async () => {
    const { update, cameras } = await setup();
    await expect(update.execute(otherOp, 'c1', body())).rejects.toThrow(new NotFoundError('Camera not found'));
    await expect(update.execute(admin, 'missing', body())).rejects.toThrow(new NotFoundError('Camera not found'));
    expect(cameras.rows.get('c1')?.name).toBe('Gate');
  });

  it('validates the body and changes nothing on error', async () => {
    const { update, cameras } = await setup();
    const err = await update.execute(owner, 'c1', body({ rtspUrl: 'file:///etc/passwd', fps: 0 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).details).toEqual(['rtspUrl must start with rtsp:// or rtsps://', 'fps must be an integer from 1 to 30']);
    expect(cameras.rows.get('c1')?.rtspUrl).toBe(STORED_URL);
  });

  it('restarts a running stream on a new address and stops it when disabled', async () => {
    const { update, streams } = await setup();
    streams.active.add('c1');
    await update.execute(owner, 'c1', body({ rtspUrl: 'rtsp://cam:n3w@10.0.0.3:554/live' }));
    expect(streams.calls).toEqual(['stop c1', 'start rtsp://cam:n3w@10.0.0.3:554/live']);
    await update.execute(owner, 'c1', body({ rtspUrl: 'rtsp://cam:n3w@10.0.0.3:554/live', enabled: false }));
    expect(streams.calls.slice(2)).toEqual(['stop c1']);
    expect(streams.isActive('c1')).toBe(false);
  });
});
