import type { Camera, CameraRepository } from '@argus/domain';
import { OPERATOR_LIKE_IDS, SMUGGLED_OPERATOR, aCamera, type RepositoryFactory } from './fixtures';

/** The behaviour every CameraRepository adapter must show. */
export function describeCameraRepositoryContract(adapter: string, factory: RepositoryFactory<CameraRepository>): void {
  describe(`CameraRepository contract: ${adapter}`, () => {
    let cameras: CameraRepository;
    beforeEach(async () => {
      cameras = await factory();
    });

    async function createAll(...list: Camera[]): Promise<Camera[]> {
      for (const camera of list) await cameras.create(camera);
      return list;
    }

    const ids = (list: Camera[]) => list.map((camera) => camera.id);

    it('returns a created camera by id with every field intact, viewers in order', async () => {
      const camera = aCamera({ fps: 12.5, status: 'error', lastError: 'connection refused', viewerIds: ['v-2', 'v-1'], enabled: false });
      await cameras.create(camera);
      expect(await cameras.findById(camera.id)).toEqual(camera);
    });

    it('answers null for an unknown id, including ids that look like operators or paths', async () => {
      await createAll(aCamera());
      for (const id of ['missing', ...OPERATOR_LIKE_IDS]) expect(await cameras.findById(id)).toBeNull();
    });

    it('never reads an operator object given in place of a string as a query', async () => {
      const [camera] = await createAll(aCamera({ ownerId: 'alice', viewerIds: ['bob'] }));
      expect(await cameras.findById(SMUGGLED_OPERATOR)).toBeNull();
      expect(await cameras.list({ visibleToUserId: SMUGGLED_OPERATOR, offset: 0, limit: 10 })).toEqual({ items: [], total: 0 });
      expect(await cameras.listIdsVisibleTo(SMUGGLED_OPERATOR)).toEqual([]);
      expect(await cameras.listOwnedBy(SMUGGLED_OPERATOR)).toEqual([]);
      expect(await cameras.update(SMUGGLED_OPERATOR, { name: 'x' })).toBeNull();
      expect(await cameras.removeViewerEverywhere(SMUGGLED_OPERATOR)).toBe(0);
      expect(await cameras.delete(SMUGGLED_OPERATOR)).toBe(false);
      expect(await cameras.listAll()).toEqual([camera]);
    });

    it('lists oldest first (createdAt, then id) with paging and the full total', async () => {
      const at = new Date('2026-03-01T00:00:00Z');
      await createAll(
        aCamera({ id: 'c-3', createdAt: new Date(at.getTime() + 2) }),
        aCamera({ id: 'c-2', createdAt: at }),
        aCamera({ id: 'c-1', createdAt: at }),
        aCamera({ id: 'c-4', createdAt: new Date(at.getTime() + 3) }),
      );
      expect(ids((await cameras.list({ offset: 0, limit: 10 })).items)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
      const page = await cameras.list({ offset: 1, limit: 2 });
      expect(ids(page.items)).toEqual(['c-2', 'c-3']);
      expect(page.total).toBe(4);
      expect(await cameras.list({ offset: 10, limit: 2 })).toEqual({ items: [], total: 4 });
    });

    it('lists only the cameras a user owns or views when visibleToUserId is set', async () => {
      const [owned, viewed] = await createAll(
        aCamera({ ownerId: 'alice' }),
        aCamera({ ownerId: 'bob', viewerIds: ['carol', 'alice'] }),
        aCamera({ ownerId: 'bob', viewerIds: ['carol'] }),
        aCamera({ ownerId: 'dave' }),
      );
      const visible = await cameras.list({ visibleToUserId: 'alice', offset: 0, limit: 10 });
      expect(visible).toEqual({ items: [owned, viewed], total: 2 });
      expect(await cameras.list({ visibleToUserId: 'nobody', offset: 0, limit: 10 })).toEqual({ items: [], total: 0 });
      expect(await cameras.list({ visibleToUserId: '$ne', offset: 0, limit: 10 })).toEqual({ items: [], total: 0 });
      expect(await cameras.listIdsVisibleTo('alice')).toEqual([owned.id, viewed.id]);
      expect(await cameras.listIdsVisibleTo('carol')).toHaveLength(2);
      expect(await cameras.listIdsVisibleTo('$ne')).toEqual([]);
    });

    it('filters on enabled, alone and together with visibility', async () => {
      const [on, off, otherOn] = await createAll(
        aCamera({ ownerId: 'alice', enabled: true }),
        aCamera({ ownerId: 'alice', enabled: false }),
        aCamera({ ownerId: 'bob', enabled: true }),
      );
      expect(await cameras.list({ enabled: false, offset: 0, limit: 10 })).toEqual({ items: [off], total: 1 });
      expect(await cameras.list({ enabled: true, offset: 0, limit: 10 })).toEqual({ items: [on, otherOn], total: 2 });
      expect(await cameras.list({ enabled: true, visibleToUserId: 'alice', offset: 0, limit: 10 })).toEqual({ items: [on], total: 1 });
    });

    it('lists every camera and those a user owns', async () => {
      const [a, b, c] = await createAll(aCamera({ ownerId: 'alice' }), aCamera({ ownerId: 'bob', viewerIds: ['alice'] }), aCamera({ ownerId: 'alice' }));
      expect(await cameras.listAll()).toEqual([a, b, c]);
      expect(await cameras.listOwnedBy('alice')).toEqual([a, c]);
      expect(await cameras.listOwnedBy('$gt')).toEqual([]);
    });

    it('updates only the patched fields, including clearing lastError and replacing viewers', async () => {
      const camera = aCamera({ status: 'error', lastError: 'timeout', viewerIds: ['v-1'] });
      await cameras.create(camera);
      const updatedAt = new Date(camera.updatedAt.getTime() + 1000);
      const patch = { name: 'Gate', fps: 5, status: 'running' as const, lastError: null, viewerIds: ['v-3', 'v-2'], updatedAt };
      const updated = await cameras.update(camera.id, patch);
      expect(updated).toEqual({ ...camera, ...patch });
      expect(await cameras.findById(camera.id)).toEqual(updated);
      const moved = await cameras.update(camera.id, { ownerId: 'new-owner', detectionEnabled: false, rtspUrl: 'rtsps://h/s', location: '' });
      expect(moved).toEqual({ ...camera, ...patch, ownerId: 'new-owner', detectionEnabled: false, rtspUrl: 'rtsps://h/s', location: '' });
    });

    it('keeps masks and zones in order, replaces them with a patch and never lets a zone carry more than its fields', async () => {
      const zones = [
        { name: 'Door', kind: 'zone' as const, points: [[0, 0], [0.5, 0.125], [0.25, 1]] as [number, number][] },
        { name: 'TV $set', kind: 'mask' as const, points: [[0.75, 0.75], [1, 0.75], [1, 1], [0.875, 1]] as [number, number][] },
      ];
      const camera = aCamera({ zones });
      await cameras.create(camera);
      expect(await cameras.findById(camera.id)).toEqual(camera);
      const updated = await cameras.update(camera.id, { zones: [zones[1]] });
      expect(updated?.zones).toEqual([zones[1]]);
      const smuggled = [{ ...zones[0], extra: { $gt: '' } }] as unknown as typeof zones;
      expect((await cameras.update(camera.id, { zones: smuggled }))?.zones).toEqual([zones[0]]);
      expect((await cameras.update(camera.id, { zones: [] }))?.zones).toEqual([]);
      expect((await cameras.listAll()).map((c) => c.zones)).toEqual([[]]);
    });

    it('keeps object labels, recording, the detection stream and placement, and patches each', async () => {
      const camera = aCamera({
        objects: ['car', 'person'],
        recording: { mode: 'continuous', preSeconds: 0, postSeconds: 300 },
        detectRtspUrl: 'rtsp://u:p@10.0.0.9/sub',
        workerLabel: 'site-north',
        node: 'worker-1',
      });
      await cameras.create(camera);
      expect(await cameras.findById(camera.id)).toEqual(camera);
      const patch = { objects: ['dog' as const], recording: { mode: 'off' as const, preSeconds: 60, postSeconds: 0 }, detectRtspUrl: null, workerLabel: null, node: null };
      expect(await cameras.update(camera.id, patch)).toEqual({ ...camera, ...patch });
      const smuggled = { mode: 'events', preSeconds: 1, postSeconds: 2, extra: { $gt: '' } } as unknown as typeof patch.recording;
      expect((await cameras.update(camera.id, { recording: smuggled }))?.recording).toEqual({ mode: 'events', preSeconds: 1, postSeconds: 2 });
    });

    it('reads a camera stored without the newer fields with no objects, the default recording and no placement', async () => {
      const { objects: _o, recording: _r, detectRtspUrl: _d, workerLabel: _w, node: _n, ...bare } = aCamera();
      await cameras.create(bare);
      expect(await cameras.findById(bare.id)).toEqual({
        ...bare,
        objects: [],
        recording: { mode: 'events', preSeconds: 5, postSeconds: 10 },
        detectRtspUrl: null,
        workerLabel: null,
        node: null,
      });
    });

    it('keeps a camera unchanged for an empty patch and answers null for an unknown one', async () => {
      const camera = aCamera();
      await cameras.create(camera);
      expect(await cameras.update(camera.id, {})).toEqual(camera);
      expect(await cameras.update('missing', { name: 'x' })).toBeNull();
      expect(await cameras.update('$gt', { name: 'x' })).toBeNull();
      expect(await cameras.listAll()).toEqual([camera]);
    });

    it('deletes a camera once', async () => {
      const [keep, gone] = await createAll(aCamera(), aCamera({ viewerIds: ['v-1'] }));
      expect(await cameras.delete(gone.id)).toBe(true);
      expect(await cameras.delete(gone.id)).toBe(false);
      expect(await cameras.findById(gone.id)).toBeNull();
      expect(await cameras.listAll()).toEqual([keep]);
      expect(await cameras.listIdsVisibleTo('v-1')).toEqual([]);
    });

    it('removes a user from every viewers list and counts the cameras changed', async () => {
      const [a, b, c] = await createAll(
        aCamera({ viewerIds: ['gone', 'stays'] }),
        aCamera({ viewerIds: ['stays'] }),
        aCamera({ viewerIds: ['gone'] }),
      );
      expect(await cameras.removeViewerEverywhere('gone')).toBe(2);
      expect((await cameras.findById(a.id))?.viewerIds).toEqual(['stays']);
      expect((await cameras.findById(b.id))?.viewerIds).toEqual(['stays']);
      expect((await cameras.findById(c.id))?.viewerIds).toEqual([]);
      expect(await cameras.removeViewerEverywhere('gone')).toBe(0);
      expect(await cameras.listIdsVisibleTo('gone')).toEqual([]);
    });
  });
}
