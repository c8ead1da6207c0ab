import { ForbiddenError, NotFoundError } from '../../shared/errors';
import type { CameraStreamController } from '../../streams/camera-stream-controller';
import { FakeClock, InMemoryAlerts, InMemoryCameras, InMemoryUsers, RecordingPublisher, SequentialIds } from '../../testing/fakes';
import type { Principal } from '../../users/user';
import type { Camera } from '../camera';
import type { CameraDeps } from './camera-deps';
import { DeleteCamera } from './delete-camera';

const admin: Principal = { userId: 'u-admin', username: 'root', role: 'admin' };
const owner: Principal = { userId: 'u-owner', username: 'owner', role: 'operator' };
const otherOp: Principal = { userId: 'u-other', username: 'other', role: 'operator' };
const viewer: Principal = { userId: 'u-viewer', username: 'vi', role: 'viewer' };

function camera(id: string): Camera {
  const t = new Date('2026-01-01T00:00:00Z');
  return {
    id,
    name: id,
    location: '',
    rtspUrl: `rtsp://h/${id}`,
    enabled: true,
    detectionEnabled: true,
    fps: 10,
    status: 'running',
    lastError: null,
    ownerId: 'u-owner',
    viewerIds: ['u-viewer'],
    createdAt: t,
    updatedAt: t,
  };
}

async function setup(withStreams = true) {
  const events: string[] = [];
  const streams: CameraStreamController = {
    start: async () => undefined,
    stop: async (id) => void events.push(`stop ${id}`),
    reconfigure: async () => undefined,
    isActive: (id) => id === 'c1',
  };
  const deps: CameraDeps = {
    cameras: new InMemoryCameras(),
    users: new InMemoryUsers(),
    alerts: new InMemoryAlerts(),
    publisher: new RecordingPublisher(),
    clock: new FakeClock(),
    ids: new SequentialIds(),
    streams: withStreams ? streams : undefined,
    defaultFps: 10,
  };
  const cameras = deps.cameras as InMemoryCameras;
  const alerts = deps.alerts as InMemoryAlerts;
  await cameras.create(camera('c1'));
  await cameras.create(camera('c2'));
  for (const [alertId, cameraId] of [['a1', 'c1'], ['a2', 'c2'], ['a3', 'c1']]) {
    await alerts.add({
      alertId,
      cameraId,
      timestamp: new Date('2026-01-01T00:00:00Z'),
      bbox: { x: 0, y: 0, width: 1, height: 1 },
      snapshotUrl: null,
      snapshotKey: null,
      meta: { score: 0.9, frameWidth: 640, frameHeight: 480, faces: 1 },
      createdAt: new Date('2026-01-01T00:00:00Z'),
    });
  }
  // Record the delete itself so the order (stop before delete) is visible.
  const originalDelete = cameras.delete.bind(cameras);
  cameras.delete = async (id: string) => {
    events.push(`delete ${id}`);
    return originalDelete(id);
  };
  return { deps, cameras, alerts, events, publisher: deps.publisher as RecordingPublisher, del: new DeleteCamera(deps) };
}

describe('DeleteCamera', () => {
  it('stops the stream, then deletes the camera and its alerts, and tells the audience', async () => {
    const { del, cameras, alerts, events, publisher } = await setup();
    await del.execute(owner, 'c1');
    expect(events).toEqual(['stop c1', 'delete c1']);
    expect([...cameras.rows.keys()]).toEqual(['c2']);
    expect(alerts.rows.map((a) => a.alertId)).toEqual(['a2']);
    expect(publisher.audienceChanges).toEqual([{ cameraId: 'c1', removed: true }]);
  });

  it('does not stop a camera that is not running', async () => {
    const { del, events } = await setup();
    await del.execute(admin, 'c2');
    expect(events).toEqual(['delete c2']);
  });

  it('works without a stream controller', async () => {
    const { del, cameras } = await setup(false);
    await del.execute(admin, 'c1');
    expect(cameras.rows.has('c1')).toBe(false);
  });

  it('forbids a viewer and hides the camera from another operator', async () => {
    const { del, cameras, alerts, events, publisher } = await setup();
    await expect(del.execute(viewer, 'c1')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(del.execute(otherOp, 'c1')).rejects.toThrow(new NotFoundError('Camera not found'));
    await expect(del.execute(admin, 'missing')).rejects.toThrow(new NotFoundError('Camera not found'));
    expect(cameras.rows.size).toBe(2);
    expect(alerts.rows).toHaveLength(3);
    expect(events).toEqual([]);
    expect(publisher.audienceChanges).toEqual([]);
  });
});
