import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors';
import { anAdmin, anOperator, aViewer, runtimeWorld, settle } from '../../testing';
import type { Camera } from '../camera';
import { CameraRun } from './camera-run';

const admin = anAdmin();
const owner = anOperator();
const otherOp = anOperator('u-other');
const viewer = aViewer();

async function setup(camera: Partial<Camera> = {}) {
  const w = runtimeWorld();
  await w.addCamera(camera);
  return { w, run: new CameraRun({ cameras: w.cameras, publisher: w.publisher, clock: w.clock, streams: w.runtime }) };
}

describe('CameraRun.start', () => {
  it('starts the owner’s camera and answers with it as starting', async () => {
    const { w, run } = await setup();
    const camera = await run.start(owner, 'c1');
    expect(camera).toMatchObject({ id: 'c1', status: 'starting' });
    expect(w.feeds.feeds.map((f) => f.spec.cameraId)).toEqual(['c1']);
    expect(w.runtime.isActive('c1')).toBe(true);
  });

  it('lets an admin start any camera', async () => {
    const { w, run } = await setup();
    await run.start(admin, 'c1');
    expect(w.feeds.feeds).toHaveLength(1);
  });

  it('refuses viewers and hides the camera from other operators', async () => {
    const { w, run } = await setup();
    await expect(run.start(viewer, 'c1')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(run.start(otherOp, 'c1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(run.start(owner, 'nope')).rejects.toBeInstanceOf(NotFoundError);
    expect(w.feeds.feeds).toEqual([]);
  });

  it('refuses a disabled camera', async () => {
    const { w, run } = await setup({ enabled: false });
    await expect(run.start(owner, 'c1')).rejects.toBeInstanceOf(ConflictError);
    expect(w.feeds.feeds).toEqual([]);
    expect(w.cameras.rows.get('c1')?.status).toBe('stopped');
  });

  it('retries at once a camera waiting to reconnect', async () => {
    const { w, run } = await setup();
    await run.start(owner, 'c1');
    w.feeds.last.end('refused');
    await settle();
    expect((await run.start(owner, 'c1')).status).toBe('starting');
    expect(w.feeds.feeds).toHaveLength(2);
  });
});

describe('CameraRun.stop', () => {
  it('stops a running camera for good', async () => {
    const { w, run } = await setup();
    await run.start(owner, 'c1');
    w.feeds.last.unit();
    await settle();
    const camera = await run.stop(owner, 'c1');
    expect(camera).toMatchObject({ status: 'stopped', lastError: null });
    expect(w.feeds.last.stopped).toBe(true);
    expect(w.runtime.isActive('c1')).toBe(false);
    w.timers.advance(600_000);
    expect(w.feeds.feeds).toHaveLength(1);
  });

  it('records and publishes the stop of a camera left in error by an earlier run', async () => {
    const { w, run } = await setup({ status: 'error', lastError: 'refused' });
    w.clock.advance(1000);
    const camera = await run.stop(owner, 'c1');
    expect(camera).toMatchObject({ status: 'stopped', lastError: null, updatedAt: w.clock.now() });
    expect(w.publisher.states.map((s) => s.event)).toEqual([
      { cameraId: 'c1', status: 'stopped', fps: 0, timestamp: w.clock.now().toISOString() },
    ]);
  });

  it('changes nothing for a camera already stopped', async () => {
    const { w, run } = await setup();
    expect((await run.stop(admin, 'c1')).status).toBe('stopped');
    expect(w.publisher.states).toEqual([]);
  });

  it('refuses viewers', async () => {
    const { w, run } = await setup({ status: 'error' });
    await expect(run.stop(viewer, 'c1')).rejects.toBeInstanceOf(ForbiddenError);
    expect(w.cameras.rows.get('c1')?.status).toBe('error');
  });
});
