import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import type { CameraStreamController } from '../../streams/camera-stream-controller';
import { aCamera, anAdmin, anOperator, aUser, aViewer, FakeClock, InMemoryCameras, InMemoryUsers, RecordingPublisher } from '../../testing';
import type { Role } from '../../users/user';
import { CameraSettings } from './camera-settings';

const admin = anAdmin();
const owner = anOperator();
const otherOp = anOperator('u-other');
const viewer = aViewer();

const T0 = new Date('2026-01-01T00:00:00Z');

async function setup(options: { active?: boolean } = {}) {
  const clock = new FakeClock(T0);
  const calls: string[] = [];
  const streams: CameraStreamController = {
    start: async (c) => void calls.push(`start ${c.id}`),
    stop: async (id) => void calls.push(`stop ${id}`),
    reconfigure: async (c) => void calls.push(`reconfigure fps=${c.fps} detection=${c.detectionEnabled}${c.zones?.length ? ` zones=${c.zones.length}` : ''}`),
    isActive: () => options.active ?? false,
  };
  const cameras = new InMemoryCameras();
  const users = new InMemoryUsers();
  const publisher = new RecordingPublisher();
  const entries: Array<[string, Role]> = [['u-admin', 'admin'], ['u-owner', 'operator'], ['u-other', 'operator'], ['u-viewer', 'viewer'], ['u-v2', 'viewer']];
  for (const [id, role] of entries) await users.create(aUser({ id, role }));
  await cameras.create(aCamera());
  clock.advance(1_000);
  return { calls, cameras, publisher, settings: new CameraSettings({ cameras, users, publisher, clock, streams }) };
}

describe('CameraSettings.setDetection', () => {
  it('switches detection and stamps the change', async () => {
    const { settings, cameras } = await setup();
    const updated = await settings.setDetection(owner, 'c1', false);
    expect(updated.detectionEnabled).toBe(false);
    expect(cameras.rows.get('c1')).toMatchObject({ detectionEnabled: false, updatedAt: new Date('2026-01-01T00:00:01Z') });
  });

  it.each([undefined, null, 'false', 0, { $ne: true }])('rejects %p', async (value) => {
    const { settings, cameras } = await setup();
    await expect(settings.setDetection(owner, 'c1', value)).rejects.toThrow(new ValidationError('enabled must be a boolean'));
    expect(cameras.rows.get('c1')?.detectionEnabled).toBe(true);
  });

  it('applies to a running stream live', async () => {
    const { settings, calls } = await setup({ active: true });
    await settings.setDetection(admin, 'c1', false);
    expect(calls).toEqual(['reconfigure fps=10 detection=false']);
  });
});

describe('CameraSettings.setFps', () => {
  it('sets the fps and publishes the new state when no stream runs', async () => {
    const { settings, publisher } = await setup();
    expect((await settings.setFps(owner, 'c1', 25)).fps).toBe(25);
    expect(publisher.states).toEqual([
      {
        event: { cameraId: 'c1', status: 'stopped', fps: 0, timestamp: '2026-01-01T00:00:01.000Z' },
        audience: { cameraId: 'c1', userIds: ['u-owner', 'u-viewer'], includeAdmins: true },
      },
    ]);
  });

  it.each([0, 31, 2.5, '10', null])('rejects %p', async (fps) => {
    const { settings, cameras } = await setup();
    await expect(settings.setFps(owner, 'c1', fps)).rejects.toThrow(new ValidationError('fps must be an integer from 1 to 30'));
    expect(cameras.rows.get('c1')?.fps).toBe(10);
  });

  it('reconfigures a running stream', async () => {
    const { settings, calls } = await setup({ active: true });
    await settings.setFps(owner, 'c1', 5);
    expect(calls).toEqual(['reconfigure fps=5 detection=true']);
  });

  it('forbids a viewer and hides the camera from another operator', async () => {
    const { settings, cameras } = await setup();
    await expect(settings.setFps(viewer, 'c1', 5)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(settings.setFps(otherOp, 'c1', 5)).rejects.toBeInstanceOf(NotFoundError);
    await expect(settings.setDetection(otherOp, 'c1', false)).rejects.toBeInstanceOf(NotFoundError);
    expect(cameras.rows.get('c1')).toMatchObject({ fps: 10, detectionEnabled: true });
  });
});

describe('CameraSettings.setViewers', () => {
  it('replaces the list without duplicates and publishes the new audience', async () => {
    const { settings, cameras, publisher } = await setup();
    const updated = await settings.setViewers(owner, 'c1', ['u-v2', 'u-other', 'u-v2']);
    expect(updated.viewerIds).toEqual(['u-v2', 'u-other']);
    expect(cameras.rows.get('c1')?.viewerIds).toEqual(['u-v2', 'u-other']);
    expect(publisher.audienceChanges).toEqual([{ cameraId: 'c1', userIds: ['u-owner', 'u-v2', 'u-other'], includeAdmins: true }]);
  });

  it('hands the new list to a running stream, which addresses alerts and heartbeats with it', async () => {
    const { settings, calls } = await setup({ active: true });
    await settings.setViewers(owner, 'c1', ['u-v2']);
    expect(calls).toEqual(['reconfigure fps=10 detection=true']);
  });

  it('lets an admin empty the list', async () => {
    const { settings, cameras } = await setup();
    await settings.setViewers(admin, 'c1', []);
    expect(cameras.rows.get('c1')?.viewerIds).toEqual([]);
  });

  it('requires every viewer to exist', async () => {
    const { settings, cameras, publisher } = await setup();
    await expect(settings.setViewers(owner, 'c1', ['u-v2', 'ghost', 'ghost', 'nobody'])).rejects.toThrow(
      new ValidationError('unknown user ids: ghost, nobody'),
    );
    expect(cameras.rows.get('c1')?.viewerIds).toEqual(['u-viewer']);
    expect(publisher.audienceChanges).toEqual([]);
  });

  it.each([undefined, 'u-v2', [1], [{ $gt: '' }], { 0: 'u-v2' }, Array.from({ length: 1001 }, (_, i) => `u${i}`)])(
    'rejects the malformed list %#',
    async (userIds) => {
      const { settings } = await setup();
      await expect(settings.setViewers(owner, 'c1', userIds)).rejects.toThrow(
        new ValidationError('userIds must be an array of at most 1000 user id strings'),
      );
    },
  );

  it('belongs to the owner and admins only', async () => {
    const { settings, cameras } = await setup();
    await expect(settings.setViewers(viewer, 'c1', ['u-viewer', 'u-v2'])).rejects.toBeInstanceOf(ForbiddenError);
    await expect(settings.setViewers(otherOp, 'c1', ['u-other'])).rejects.toThrow(new NotFoundError('Camera not found'));
    expect(cameras.rows.get('c1')?.viewerIds).toEqual(['u-viewer']);
  });
});

describe('CameraSettings.setZones', () => {
  const door = { name: 'Door', kind: 'zone', points: [[0, 0], [0.5, 0], [0.5, 1]] };
  const tv = { name: 'TV', kind: 'mask', points: [[0.6, 0.6], [1, 0.6], [1, 1]] };

  it('stores the zones and hands them to a running stream without a restart', async () => {
    const { settings, cameras, calls } = await setup({ active: true });
    const updated = await settings.setZones(owner, 'c1', [door, tv]);
    expect(updated.zones).toEqual([door, tv]);
    expect(cameras.rows.get('c1')?.zones).toEqual([door, tv]);
    expect(calls).toEqual(['reconfigure fps=10 detection=true zones=2']);
  });

  it('does not touch a running stream when the zones did not change', async () => {
    const { settings, calls } = await setup({ active: true });
    await settings.setZones(owner, 'c1', []);
    expect(calls).toEqual([]);
  });

  it('refuses a bad polygon and keeps the stored zones', async () => {
    const { settings, cameras } = await setup();
    await settings.setZones(owner, 'c1', [door]);
    await expect(settings.setZones(owner, 'c1', [{ ...tv, points: tv.points.slice(0, 2) }])).rejects.toThrow(
      new ValidationError('zones[0].points must have 3 to 32 points (it has 2)'),
    );
    await expect(settings.setZones(owner, 'c1', undefined)).rejects.toBeInstanceOf(ValidationError);
    expect(cameras.rows.get('c1')?.zones).toEqual([door]);
  });

  it('belongs to the owner and admins only', async () => {
    const { settings } = await setup();
    await expect(settings.setZones(viewer, 'c1', [door])).rejects.toBeInstanceOf(ForbiddenError);
    await expect(settings.setZones(otherOp, 'c1', [door])).rejects.toBeInstanceOf(NotFoundError);
    expect((await settings.setZones(admin, 'c1', [door])).zones).toEqual([door]);
  });
});
