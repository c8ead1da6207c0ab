import type { CameraRepository } from '../../cameras/camera-repository';
import { NotFoundError, UnavailableError, ValidationError } from '../../shared/errors';
import { aCamera, anAdmin, anOperator, aViewer, InMemoryAlerts, InMemoryCameras } from '../../testing';
import type { Alert } from '../alert';
import { AlertQueries } from './alert-queries';

const admin = anAdmin();
const op1 = anOperator('u-op1');
const op2 = anOperator('u-op2');
const viewer = aViewer();

const camera = (id: string, ownerId: string, viewerIds: string[]) => aCamera({ id, name: id, ownerId, viewerIds });

function alert(alertId: string, cameraId: string, minute: number): Alert {
  const timestamp = new Date(Date.UTC(2026, 0, 1, 0, minute));
  return { alertId, cameraId, timestamp, bbox: { x: 0, y: 0, width: 1, height: 1 }, snapshotUrl: null, snapshotKey: null, meta: { score: 0.9, frameWidth: 64, frameHeight: 48, faces: 1 }, createdAt: timestamp };
}

async function setup() {
  const cameras = new InMemoryCameras();
  const alerts = new InMemoryAlerts();
  await cameras.create(camera('c1', 'u-op1', ['u-viewer']));
  await cameras.create(camera('c2', 'u-op1', []));
  await cameras.create(camera('c3', 'u-op2', []));
  for (const a of [alert('a1', 'c1', 1), alert('a2', 'c2', 2), alert('a3', 'c3', 3), alert('a4', 'c1', 4), alert('a5', 'c3', 5)]) {
    await alerts.add(a);
  }
  return { cameras, alerts, queries: new AlertQueries({ cameras, alerts }) };
}

const ids = (page: { items: Alert[] }) => page.items.map((a) => a.alertId);

describe('AlertQueries.list', () => {
  it('shows an admin every alert, newest first', async () => {
    const { queries } = await setup();
    const page = await queries.list(admin, {});
    expect(ids(page)).toEqual(['a5', 'a4', 'a3', 'a2', 'a1']);
    expect(page).toMatchObject({ total: 5, page: 1, limit: 20 });
  });

  it('shows operators and viewers only alerts of cameras they may see', async () => {
    const { queries } = await setup();
    expect(ids(await queries.list(op1, {}))).toEqual(['a4', 'a2', 'a1']);
    expect(ids(await queries.list(op2, {}))).toEqual(['a5', 'a3']);
    expect(ids(await queries.list(viewer, {}))).toEqual(['a4', 'a1']);
    const nobody = aViewer('u-none');
    expect(await queries.list(nobody, {})).toEqual({ items: [], total: 0, page: 1, limit: 20 });
  });

  it('filters on a visible camera', async () => {
    const { queries } = await setup();
    expect(ids(await queries.list(op1, { cameraId: 'c2' }))).toEqual(['a2']);
    expect(ids(await queries.list(admin, { cameraId: 'c3' }))).toEqual(['a5', 'a3']);
  });

  it('answers a filter on an invisible camera with an empty page, never other data', async () => {
    const { queries } = await setup();
    expect(await queries.list(viewer, { cameraId: 'c3' })).toEqual({ items: [], total: 0, page: 1, limit: 20 });
    expect(await queries.list(op2, { cameraId: 'c1' })).toEqual({ items: [], total: 0, page: 1, limit: 20 });
    expect(await queries.list(viewer, { cameraId: 'missing' })).toEqual({ items: [], total: 0, page: 1, limit: 20 });
    expect(await queries.list(admin, { cameraId: 'missing' })).toEqual({ items: [], total: 0, page: 1, limit: 20 });
    expect(await queries.list(admin, { cameraId: '' })).toEqual({ items: [], total: 0, page: 1, limit: 20 });
  });

  it.each([{ $ne: 'x' }, ['c1'], 42, 'c'.repeat(101)])('rejects the camera filter %p instead of querying with it', async (cameraId) => {
    const { queries } = await setup();
    await expect(queries.list(admin, { cameraId: cameraId as string })).rejects.toThrow(new ValidationError('cameraId must be a camera id string'));
  });

  it('filters on an inclusive time range given as ISO or epoch ms', async () => {
    const { queries } = await setup();
    expect(ids(await queries.list(admin, { from: '2026-01-01T00:02:00Z', to: String(Date.UTC(2026, 0, 1, 0, 4)) }))).toEqual(['a4', 'a3', 'a2']);
    expect(ids(await queries.list(op1, { from: Date.UTC(2026, 0, 1, 0, 2) }))).toEqual(['a4', 'a2']);
    expect(ids(await queries.list(admin, { to: '2026-01-01T00:01:00Z' }))).toEqual(['a1']);
  });

  it('rejects from after to, and unreadable times', async () => {
    const { queries } = await setup();
    await expect(queries.list(admin, { from: '2026-01-02', to: '2026-01-01' })).rejects.toThrow(new ValidationError('from must not be after to'));
    await expect(queries.list(admin, { from: 'last week' })).rejects.toBeInstanceOf(ValidationError);
    await expect(queries.list(admin, { to: { $gt: '' } })).rejects.toBeInstanceOf(ValidationError);
    expect(ids(await queries.list(admin, { from: '2026-01-01T00:03:00Z', to: '2026-01-01T00:03:00Z' }))).toEqual(['a3']);
  });

  it('pages within the visible alerts', async () => {
    const { queries } = await setup();
    const second = await queries.list(op1, { page: 2, limit: 2 });
    expect(ids(second)).toEqual(['a1']);
    expect(second).toMatchObject({ total: 3, page: 2, limit: 2 });
    expect((await queries.list(admin, { limit: 1000 })).limit).toBe(100);
    await expect(queries.list(admin, { page: 0 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('AlertQueries.get', () => {
  it('returns an alert of a visible camera', async () => {
    const { queries } = await setup();
    expect((await queries.get(viewer, 'a1')).cameraId).toBe('c1');
    expect((await queries.get(admin, 'a3')).cameraId).toBe('c3');
  });

  it('answers an invisible alert exactly like a missing one', async () => {
    const { queries } = await setup();
    const invisible = await queries.get(viewer, 'a3').catch((e: unknown) => e);
    const missing = await queries.get(viewer, 'nope').catch((e: unknown) => e);
    expect(invisible).toEqual(new NotFoundError('Alert not found'));
    expect(missing).toEqual(new NotFoundError('Alert not found'));
    expect(invisible).toBeInstanceOf(NotFoundError);
    await expect(queries.get(op2, 'a1')).rejects.toThrow(new NotFoundError('Alert not found'));
  });

  it('does not disguise a failing camera store as "not found"', async () => {
    const { cameras, alerts } = await setup();
    const broken: CameraRepository = Object.assign(Object.create(cameras) as CameraRepository, {
      findById: async () => {
        throw new UnavailableError('database down');
      },
    });
    await expect(new AlertQueries({ cameras: broken, alerts }).get(viewer, 'a1')).rejects.toBeInstanceOf(UnavailableError);
  });
});

describe('AlertQueries.list by identity', () => {
  async function withIdentities() {
    const world = await setup();
    await world.alerts.setIdentity('a1', { id: 'p1', name: 'Alice', similarity: 0.9 }, null);
    await world.alerts.setIdentity('a2', null, 'g1');
    await world.alerts.setIdentity('a4', { id: 'p2', name: 'Bob', similarity: 0.8 }, null);
    return world;
  }

  it('filters by person and by unknown faces', async () => {
    const { queries } = await withIdentities();
    expect((await queries.list(admin, { personId: 'p1' })).items.map((a) => a.alertId)).toEqual(['a1']);
    expect((await queries.list(admin, { unknown: 'true' })).items.map((a) => a.alertId)).toEqual(['a2']);
    expect((await queries.list(admin, { unknown: true })).items.map((a) => a.alertId)).toEqual(['a2']);
    expect((await queries.list(admin, { unknown: 'false' })).items.map((a) => a.alertId)).toEqual(['a4', 'a1']);
    // Still only the caller's cameras.
    expect((await queries.list(op2, { personId: 'p1' })).items).toEqual([]);
  });

  it('refuses bad identity filters', async () => {
    const { queries } = await withIdentities();
    await expect(queries.list(admin, { personId: { $gt: '' } })).rejects.toThrow(ValidationError);
    await expect(queries.list(admin, { personId: '' })).rejects.toThrow(ValidationError);
    await expect(queries.list(admin, { unknown: 'yes' })).rejects.toThrow(new ValidationError('unknown must be true or false'));
    await expect(queries.list(admin, { personId: 'p1', unknown: true })).rejects.toThrow(ValidationError);
  });
});
