import type { CameraFences, LeaseStore } from '@argus/domain';

export interface LeaseStoreWorld {
  store: LeaseStore;
  /** Lets time pass (really, or on a fake clock). */
  wait(ms: number): Promise<void>;
  /** The store loses every lease, as when Redis restarts without its data. */
  wipe(): Promise<void>;
}

/** What every LeaseStore must do: the in-memory one and Redis pass the same tests. */
export function describeLeaseStoreContract(label: string, make: () => Promise<LeaseStoreWorld>): void {
  describe(`LeaseStore contract (${label})`, () => {
    it('grants a free lease to one owner only, and says who holds it', async () => {
      const { store } = await make();
      expect(await store.acquire('camera:c1', 'a', 5000)).toBe(true);
      expect(await store.acquire('camera:c1', 'b', 5000)).toBe(false);
      expect(await store.acquire('camera:c1', 'a', 5000)).toBe(false);
      expect(await store.holders(['camera:c1', 'camera:c2'])).toEqual(['a', null]);
      expect(await store.holders([])).toEqual([]);
    });

    it('renews only the owner’s leases, in one call, and takes back a lapsed one nobody took', async () => {
      const { store, wait } = await make();
      await store.acquire('camera:c1', 'a', 300);
      await store.acquire('camera:c2', 'b', 5000);
      expect(await store.renew(['camera:c1', 'camera:c2', 'camera:c3'], 'a', 300)).toEqual([true, false, true]);
      await wait(450);
      expect(await store.holders(['camera:c1', 'camera:c3'])).toEqual([null, null]);
      expect(await store.renew(['camera:c1'], 'a', 5000)).toEqual([true]);
      expect(await store.holders(['camera:c1', 'camera:c2'])).toEqual(['a', 'b']);
      expect(await store.renew([], 'a', 5000)).toEqual([]);
    });

    it('lets a lease lapse after its time to live, for another owner to take', async () => {
      const { store, wait } = await make();
      await store.acquire('leader', 'a', 300);
      await wait(450);
      expect(await store.acquire('leader', 'b', 5000)).toBe(true);
      expect(await store.renew(['leader'], 'a', 5000)).toEqual([false]);
    });

    it('releases only the owner’s leases', async () => {
      const { store } = await make();
      await store.acquire('camera:c1', 'a', 5000);
      await store.acquire('camera:c2', 'b', 5000);
      await store.release(['camera:c1', 'camera:c2'], 'a');
      expect(await store.holders(['camera:c1', 'camera:c2'])).toEqual([null, 'b']);
    });

    it('tells its age, from 0 again once it lost its leases', async () => {
      const { store, wait, wipe } = await make();
      await store.age();
      await wait(250);
      expect(await store.age()).toBeGreaterThanOrEqual(200);
      await store.acquire('camera:c1', 'a', 5000);
      await wipe();
      expect(await store.age()).toBeLessThan(100);
      expect(await store.holders(['camera:c1'])).toEqual([null]);
    });
  });
}

/** What every CameraFences must do. */
export function describeCameraFencesContract(label: string, make: () => Promise<CameraFences>): void {
  describe(`CameraFences contract (${label})`, () => {
    it('hands each new holder a larger token and names the previous holder', async () => {
      const fences = await make();
      expect(await fences.take('c1', 'a')).toEqual({ token: 1, previous: null });
      expect(await fences.take('c1', 'b')).toEqual({ token: 2, previous: { owner: 'a', released: false } });
      expect(await fences.take('c2', 'b')).toEqual({ token: 1, previous: null });
    });

    it('names the cameras whose token is no longer the newest', async () => {
      const fences = await make();
      const a = await fences.take('c1', 'a');
      const c2 = await fences.take('c2', 'a');
      await fences.take('c1', 'b');
      expect(await fences.stale([{ cameraId: 'c1', token: a.token }, { cameraId: 'c2', token: c2.token }])).toEqual(['c1']);
      expect(await fences.stale([])).toEqual([]);
    });

    it('records a proper release, only by the holder of the newest token', async () => {
      const fences = await make();
      const a = await fences.take('c1', 'a');
      await fences.release('c1', a.token);
      const b = await fences.take('c1', 'b');
      expect(b.previous).toEqual({ owner: 'a', released: true });
      await fences.release('c1', a.token);
      expect((await fences.take('c1', 'c')).previous).toEqual({ owner: 'b', released: false });
    });
  });
}
