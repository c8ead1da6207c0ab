import { ForbiddenError, ValidationError } from '../../shared/errors';
import { anAdmin, anOperator, aViewer, FakeClock, InMemoryCameras, SequentialIds } from '../../testing';
import { CreateCamera } from './create-camera';

const admin = anAdmin();
const operator = anOperator('u-op');
const viewer = aViewer();

function setup() {
  const cameras = new InMemoryCameras();
  const clock = new FakeClock(new Date('2026-02-03T04:05:06Z'));
  return { cameras, create: new CreateCamera({ cameras, clock, ids: new SequentialIds(), defaultFps: 7 }) };
}

describe('CreateCamera', () => {
  it('stores a stopped camera owned by the operator, with the defaults', async () => {
    const { create, cameras } = setup();
    const camera = await create.execute(operator, { name: ' Gate ', location: 'North', rtspUrl: 'rtsp://u:pw@10.0.0.2/live' });
    const expected = {
      id: 'id-1',
      name: 'Gate',
      location: 'North',
      rtspUrl: 'rtsp://u:pw@10.0.0.2/live',
      enabled: true,
      detectionEnabled: true,
      fps: 7,
      status: 'stopped',
      lastError: null,
      ownerId: 'u-op',
      viewerIds: [],
      zones: [],
      objects: [],
      recording: { mode: 'events', preSeconds: 5, postSeconds: 10 },
      detectRtspUrl: null,
      workerLabel: null,
      node: null,
      createdAt: new Date('2026-02-03T04:05:06Z'),
      updatedAt: new Date('2026-02-03T04:05:06Z'),
    };
    expect(camera).toEqual(expected);
    expect(cameras.rows.get('id-1')).toEqual(expected);
  });

  it('uses the given switches and fps instead of the defaults', async () => {
    const { create } = setup();
    const camera = await create.execute(admin, {
      name: 'Lobby',
      location: '',
      rtspUrl: 'rtsps://cam/x',
      enabled: false,
      detectionEnabled: false,
      fps: 25,
    });
    expect(camera).toMatchObject({ enabled: false, detectionEnabled: false, fps: 25, ownerId: 'u-admin' });
  });

  it('forbids viewers, before looking at the input', async () => {
    const { create, cameras } = setup();
    await expect(create.execute(viewer, { name: 'X', location: '', rtspUrl: 'rtsp://h/x' })).rejects.toThrow(
      new ForbiddenError('Viewers cannot add cameras'),
    );
    await expect(create.execute(viewer, { name: 1, location: 2, rtspUrl: 3 })).rejects.toBeInstanceOf(ForbiddenError);
    expect(cameras.rows.size).toBe(0);
  });

  it('collects every validation message and stores nothing', async () => {
    const { create, cameras } = setup();
    const err = await create
      .execute(operator, { name: '', location: 5, rtspUrl: '-i rtsp://h/x', fps: 31, enabled: 'true' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).details).toEqual([
      'name must be 1–100 characters',
      'location must be a string',
      'rtspUrl must not contain spaces or control characters',
      'enabled must be a boolean',
      'fps must be an integer from 1 to 30',
    ]);
    expect(cameras.rows.size).toBe(0);
  });

  it('gives every camera its own id', async () => {
    const { create } = setup();
    const a = await create.execute(operator, { name: 'A', location: '', rtspUrl: 'rtsp://h/a' });
    const b = await create.execute(operator, { name: 'B', location: '', rtspUrl: 'rtsp://h/b' });
    expect([a.id, b.id]).toEqual(['id-1', 'id-2']);
  });
});
