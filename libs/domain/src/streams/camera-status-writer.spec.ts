import type { Camera } from '../cameras/camera';
import { settle } from '../testing/manual-timers';
import { runtimeWorld, type RuntimeWorld } from '../testing/runtime-world';
import { CameraStatusWriter } from './camera-status-writer';

const RETRY_MS = 5000;

async function writerWorld(stored: Partial<Camera> = {}) {
  const w = runtimeWorld();
  let camera: Camera = await w.addCamera(stored);
  const writer = new CameraStatusWriter(() => camera, w.deps, RETRY_MS);
  return {
    w,
    writer,
    /** Changes the writer's copy of the camera (as a reconfigure would), not the stored one. */
    shareWith(userId: string) {
      camera = { ...camera, viewerIds: [...camera.viewerIds, userId] };
    },
  };
}

const stored = (w: RuntimeWorld) => w.cameras.rows.get('c1');
const failedUpdates = (w: RuntimeWorld) => w.log.warnings.filter((line) => line.includes('status update failed'));

describe('CameraStatusWriter', () => {
  it('stores and publishes each change in the order it was made, one after the other', async () => {
    const { w, writer } = await writerWorld();
    let finishFirst: () => void = () => undefined;
    const update = jest.spyOn(w.cameras, 'update');
    const realUpdate = w.cameras.update.bind(w.cameras);
    update.mockImplementationOnce((id, patch) => new Promise((resolve) => (finishFirst = () => resolve(realUpdate(id, patch)))));
    writer.write('starting');
    writer.write('running');
    await settle();
    expect(update).toHaveBeenCalledTimes(1); // 'running' waits for the slow 'starting'
    finishFirst();
    await writer.settled();
    expect(w.statuses()).toEqual(['starting', 'running']);
    expect(stored(w)?.status).toBe('running');
  });

  it('publishes a change the database refused at once and stores it on a later try', async () => {
    const { w, writer } = await writerWorld();
    const update = jest.spyOn(w.cameras, 'update').mockRejectedValue(new Error('database unreachable'));
    writer.write('error', 'connection reset');
    await settle();
    expect(w.statuses()).toEqual(['error']);
    expect(stored(w)?.status).toBe('stopped');
    expect(failedUpdates(w)).toEqual(['camera c1: status update failed, will retry: Error: database unreachable']);

    w.timers.advance(RETRY_MS - 1);
    await settle();
    expect(update).toHaveBeenCalledTimes(1);
    w.timers.advance(1); // still down: tried again
    await settle();
    expect(update).toHaveBeenCalledTimes(2);
    update.mockRestore();
    w.timers.advance(RETRY_MS);
    await writer.settled();
    expect(stored(w)).toMatchObject({ status: 'error', lastError: 'connection reset' });
    w.timers.advance(RETRY_MS * 3); // stored: no more tries
    await settle();
    expect(failedUpdates(w)).toHaveLength(2);
    expect(w.timers.pendingCount).toBe(0);
  });

  it('publishes from the current copy of the camera when the database is down', async () => {
    const { w, writer, shareWith } = await writerWorld();
    jest.spyOn(w.cameras, 'update').mockRejectedValue(new Error('database unreachable'));
    shareWith('u-new');
    writer.write('running');
    await settle();
    expect(w.publisher.states).toHaveLength(1);
    expect(w.publisher.states[0].event).toMatchObject({ cameraId: 'c1', status: 'running' });
    expect(w.publisher.states[0].audience.userIds).toEqual(['u-owner', 'u-viewer', 'u-new']);
  });

  it('never retries an older change over a newer one', async () => {
    const { w, writer } = await writerWorld();
    jest.spyOn(w.cameras, 'update').mockRejectedValueOnce(new Error('database unreachable'));
    writer.write('error', 'connection reset');
    writer.write('starting');
    await writer.settled();
    expect(failedUpdates(w)).toEqual(['camera c1: status update failed: Error: database unreachable']);
    w.timers.advance(RETRY_MS * 2);
    await settle();
    expect(stored(w)?.status).toBe('starting');
    expect(w.statuses()).toEqual(['error', 'starting']);
  });

  it('a newer change cancels the retry of an older one', async () => {
    const { w, writer } = await writerWorld();
    const update = jest.spyOn(w.cameras, 'update').mockRejectedValueOnce(new Error('database unreachable'));
    writer.write('error', 'connection reset');
    await settle();
    expect(w.timers.pendingCount).toBe(1);
    writer.write('starting');
    expect(w.timers.pendingCount).toBe(0);
    await writer.settled();
    w.timers.advance(RETRY_MS * 2);
    await settle();
    expect(update).toHaveBeenCalledTimes(2);
    expect(stored(w)?.status).toBe('starting');
  });

  it('ending writes the final status but never retries it', async () => {
    const { w, writer } = await writerWorld({ status: 'running' });
    const update = jest.spyOn(w.cameras, 'update').mockRejectedValue(new Error('database unreachable'));
    writer.write('error', 'connection reset');
    await settle();
    writer.end(false, () => writer.write('stopped'));
    expect(writer.keepsStatus).toBe(false);
    await writer.settled();
    expect(w.statuses()).toEqual(['error', 'stopped']);
    expect(failedUpdates(w).at(-1)).toBe('camera c1: status update failed: Error: database unreachable');
    const tries = update.mock.calls.length;
    w.timers.advance(RETRY_MS * 4);
    await settle();
    expect(update.mock.calls.length).toBe(tries);
    expect(w.timers.pendingCount).toBe(0);
  });

  it('ending with keepStatus leaves the stored status as it was', async () => {
    const { w, writer } = await writerWorld();
    writer.write('running');
    await writer.settled();
    writer.end(true, () => writer.write('stopped'));
    writer.write('error', 'too late');
    await writer.settled();
    expect(writer.keepsStatus).toBe(true);
    expect(w.statuses()).toEqual(['running']);
    expect(stored(w)?.status).toBe('running');
  });
});
