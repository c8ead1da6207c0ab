import { NotFoundError, ValidationError } from '../../shared/errors';
import { aCamera, anAdmin, anOperator, aViewer, InMemoryCameras } from '../../testing';
import type { Camera } from '../camera';
import { CameraQueries } from './camera-queries';

const admin = anAdmin();
const op1 = anOperator('u-op1');
const op2 = anOperator('u-op2');
const viewer = aViewer();
const stranger = aViewer('u-stranger');

const camera = (id: string, overrides: Partial<Camera> = {}) =>
  aCamera({ id, name: id, rtspUrl: `rtsp://h/${id}`, ownerId: 'u-op1', viewerIds: [], ...overrides });

async function setup() {
  const cameras = new InMemoryCameras();
  await cameras.create(camera('c1', { viewerIds: ['u-viewer'] }));
  await cameras.create(camera('c2', { enabled: false }));
  await cameras.create(camera('c3', { ownerId: 'u-op2', viewerIds: ['u-viewer', 'u-op1'] }));
  await cameras.create(camera('c4', { ownerId: 'u-op2', enabled: false }));
  await cameras.create(camera('c5', { ownerId: 'u-admin' }));
  return new CameraQueries({ cameras });
}

const ids = (page: { items: Camera[] }) => page.items.map((c) => c.id);

describe('CameraQueries.list', () => {
  it('shows an admin every camera', async () => {
    const q = await setup();
    expect(await q.list(admin, {})).toMatchObject({ total: 5, page: 1, limit: 20 });
    expect(ids(await q.list(admin, {}))).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('shows others only what they own or are listed on', async () => {
    const q = await setup();
    expect(ids(await q.list(op1, {}))).toEqual(['c1', 'c2', 'c3']);
    expect(ids(await q.list(op2, {}))).toEqual(['c3', 'c4']);
    expect(ids(await q.list(viewer, {}))).toEqual(['c1', 'c3']);
    expect(await q.list(stranger, {})).toEqual({ items: [], total: 0, page: 1, limit: 20 });
  });

  it('filters on enabled within what the caller may see', async () => {
    const q = await setup();
    expect(ids(await q.list(admin, { enabled: false }))).toEqual(['c2', 'c4']);
    expect(ids(await q.list(op1, { enabled: false }))).toEqual(['c2']);
    expect(ids(await q.list(op1, { enabled: true }))).toEqual(['c1', 'c3']);
  });

  it('pages, with the total of all matches', async () => {
    const q = await setup();
    expect(await q.list(admin, { page: 2, limit: 2 })).toMatchObject({ total: 5, page: 2, limit: 2 });
    expect(ids(await q.list(admin, { page: 2, limit: 2 }))).toEqual(['c3', 'c4']);
    expect(ids(await q.list(admin, { page: 3, limit: 2 }))).toEqual(['c5']);
    expect(ids(await q.list(admin, { page: 4, limit: 2 }))).toEqual([]);
    expect((await q.list(admin, { limit: 500 })).limit).toBe(100);
  });

  it('rejects a bad page', async () => {
    const q = await setup();
    await expect(q.list(admin, { page: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(q.list(admin, { limit: -1 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('CameraQueries.get', () => {
  it('returns a visible camera', async () => {
    const q = await setup();
    expect((await q.get(viewer, 'c3')).id).toBe('c3');
    expect((await q.get(op1, 'c3')).id).toBe('c3');
    expect((await q.get(admin, 'c4')).id).toBe('c4');
  });

  it('answers an invisible camera exactly like a missing one', async () => {
    const q = await setup();
    const invisible = await q.get(viewer, 'c2').catch((e: unknown) => e);
    const missing = await q.get(viewer, 'nope').catch((e: unknown) => e);
    expect(invisible).toBeInstanceOf(NotFoundError);
    expect(invisible).toEqual(missing);
    expect((invisible as Error).message).toBe('Camera not found');
    await expect(q.get(op2, 'c1')).rejects.toThrow(new NotFoundError('Camera not found'));
  });
});
