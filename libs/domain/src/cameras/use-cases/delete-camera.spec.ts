import { ForbiddenError, NotFoundError } from '../../shared/errors';
import type { CameraStreamController } from '../../streams/camera-stream-controller';
import { aCamera, anAdmin, anOperator, aViewer, InMemoryAlerts, InMemoryCameras, MemorySnapshotStore, RecordingPublisher } from '../../testing';
import { MemoryFaceImages } from '../../testing/people-fakes';
import { DeleteCamera } from './delete-camera';

const admin = anAdmin();
const owner = anOperator();
const otherOp = anOperator('u-other');
const viewer = aViewer();

const camera = (id: string) => aCamera({ id, name: id, rtspUrl: `rtsp://h/${id}`, status: 'running' });

async function setup() {
  const events: string[] = [];
  const streams: CameraStreamController = {
    start: async () => undefined,
    stop: async (id) => void events.push(`stop ${id}`),
    reconfigure: async () => undefined,
    isActive: (id) => id === 'c1',
  };
  const cameras = new InMemoryCameras();
  const alerts = new InMemoryAlerts();
  const publisher = new RecordingPublisher();
  const snapshots = new MemorySnapshotStore();
  await cameras.create(camera('c1'));
  await cameras.create(camera('c2'));
  await snapshots.save('c1', new Uint8Array([1]));
  await snapshots.save('c2', new Uint8Array([2]));
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
  const crops = new MemoryFaceImages();
  const frame = { width: 1, height: 1, channels: 3 as const, data: new Uint8Array(3) };
  for (const key of ['alerts/c1/a1.jpg', 'alerts/c2/a2.jpg', 'faces/p1/f1.jpg']) await crops.saveCrop(key, frame, { x: 0, y: 0, width: 1, height: 1 });
  const recordings = { cameraRemoved: async (id: string) => void events.push(`recordings ${id}`) };
  return { cameras, alerts, snapshots, crops, events, publisher, del: new DeleteCamera({ cameras, alerts, publisher, streams, snapshots, crops, recordings }) };
}

describe('DeleteCamera', () => {
  it('stops the stream, then deletes the camera, its alerts, snapshots, kept faces and recordings, and tells the audience', async () => {
    const { del, cameras, alerts, snapshots, crops, events, publisher } = await setup();
    await del.execute(owner, 'c1');
    expect(events).toEqual(['stop c1', 'delete c1', 'recordings c1']);
    expect([...cameras.rows.keys()]).toEqual(['c2']);
    expect(alerts.rows.map((a) => a.alertId)).toEqual(['a2']);
    expect([...snapshots.files.keys()]).toEqual(['c2/2.jpg']);
    expect([...crops.crops.keys()]).toEqual(['alerts/c2/a2.jpg', 'faces/p1/f1.jpg']);
    expect(publisher.audienceChanges).toEqual([{ cameraId: 'c1', removed: true }]);
  });

  it('does not stop a camera that is not running', async () => {
    const { del, events } = await setup();
    await del.execute(admin, 'c2');
    expect(events).toEqual(['delete c2', 'recordings c2']);
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
