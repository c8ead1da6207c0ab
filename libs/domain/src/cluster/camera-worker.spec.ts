import { ClusterWorld } from '../testing/cluster-world';
import { cameraLease } from './cluster-timing';

async function twoWorkersWith(cameras: number) {
  const world = new ClusterWorld();
  for (let i = 1; i <= cameras; i++) await world.addCamera({ id: `c${i}` });
  const a = world.addWorker('w-a');
  const b = world.addWorker('w-b');
  await world.run(2000);
  return { world, a, b };
}

describe('CameraWorker', () => {
  it('runs every wanted camera on exactly one worker, spread over the workers', async () => {
    const { world, a, b } = await twoWorkersWith(6);
    const where = world.runningOn();
    expect([...where.keys()].sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect([...where.values()].every((ids) => ids.length === 1)).toBe(true);
    expect(a.local.running.size).toBe(3);
    expect(b.local.running.size).toBe(3);
    // The lease store agrees with what runs.
    for (const [id, [owner]] of where) expect(world.leases.holderOf(cameraLease(id))).toBe(owner);
  });

  it('spreads the cameras waiting out a young lease store (nothing counts as overdue meanwhile)', async () => {
    const world = new ClusterWorld();
    world.leases.wipe();
    for (let i = 1; i <= 6; i++) await world.addCamera({ id: `c${i}` });
    const a = world.addWorker('w-a');
    const b = world.addWorker('w-b');
    await world.run(world.timing.quietMs + 3000);
    expect([a.local.running.size, b.local.running.size]).toEqual([3, 3]);
  });

  it('leaves stopped and disabled cameras alone', async () => {
    const world = new ClusterWorld();
    await world.addCamera({ id: 'c1', status: 'stopped' });
    await world.addCamera({ id: 'c2', enabled: false });
    await world.addCamera({ id: 'c3', status: 'error' });
    world.addWorker('w-a');
    await world.run(2000);
    expect([...world.runningOn().keys()]).toEqual(['c3']);
  });

  it('spreads by capacity: a worker with three times the threads takes three times the cameras', async () => {
    const world = new ClusterWorld();
    for (let i = 1; i <= 8; i++) await world.addCamera({ id: `c${i}` });
    const small = world.addWorker('w-small', { capacity: 1 });
    const big = world.addWorker('w-big', { capacity: 3 });
    await world.run(3000);
    expect(small.local.running.size).toBe(2);
    expect(big.local.running.size).toBe(6);
  });

  it('runs a labelled camera only on a worker with its label', async () => {
    const world = new ClusterWorld();
    await world.addCamera({ id: 'c1', workerLabel: 'site-north' } as never);
    await world.addCamera({ id: 'c2' });
    world.addWorker('w-a');
    await world.run(12_000);
    expect(world.on('c1')).toEqual([]);
    expect(world.on('c2')).toEqual(['w-a']);
    world.addWorker('w-north', { labels: ['site-north'] });
    await world.run(2000);
    expect(world.on('c1')).toEqual(['w-north']);
  });

  it('claims nothing while the lease store is young (restarted empty): holders take theirs back first', async () => {
    const { world, a, b } = await twoWorkersWith(4);
    const before = world.runningOn();
    world.leases.wipe();
    await world.run(world.timing.leaseMs + 2000);
    expect(world.runningOn()).toEqual(before);
    expect([...a.local.calls, ...b.local.calls].filter((c) => c.startsWith('stop'))).toEqual([]);
    for (const [id, [owner]] of before) expect(world.leases.holderOf(cameraLease(id))).toBe(owner);
  });

  it('moves the cameras of a worker that died to another within two leases', async () => {
    const { world, a, b } = await twoWorkersWith(4);
    const orphans = [...a.local.running.keys()];
    a.kill();
    const diedAt = world.clock.now().getTime();
    let movedAt = 0;
    while (!movedAt) {
      await world.run(500);
      if (orphans.every((id) => b.local.running.has(id))) movedAt = world.clock.now().getTime();
      if (world.clock.now().getTime() - diedAt > 30_000) throw new Error('not moved');
    }
    expect(movedAt - diedAt).toBeLessThanOrEqual(2 * world.timing.leaseMs);
    expect(movedAt - diedAt).toBeGreaterThanOrEqual(world.timing.leaseMs);
    expect(b.log.infos.some((m) => /taking over from w-a/.test(m))).toBe(true);
  });

  it('hands its cameras over at shutdown: the others start them at once, without the take-over wait', async () => {
    const { world, a, b } = await twoWorkersWith(4);
    const handed = [...a.local.running.keys()];
    await a.presence.stop();
    await a.worker.handOver();
    expect(a.local.running.size).toBe(0);
    expect(a.local.calls.filter((c) => c.startsWith('stop'))).toEqual(handed.map((id) => `stop ${id} (status kept)`));
    await world.run(1500);
    expect(handed.every((id) => b.local.running.has(id))).toBe(true);
    expect(b.log.infos.filter((m) => /taking over/.test(m))).toEqual([]);
  });

  it('stops a camera at once when its lease turns out to be held by another worker', async () => {
    const { world, a } = await twoWorkersWith(2);
    const [id] = [...a.local.running.keys()];
    world.leases.leases.set(cameraLease(id), { owner: 'w-x', until: world.clock.now().getTime() + 60_000 });
    await world.run(world.timing.renewMs + 200);
    expect(a.local.running.has(id)).toBe(false);
    expect(a.local.calls).toContain(`stop ${id} (status kept)`);
    expect(a.book.get(id)).toBeUndefined();
  });

  it('stops a camera within a fence check when another worker took it over (its token moved on)', async () => {
    const { world, a } = await twoWorkersWith(2);
    const [id] = [...a.local.running.keys()];
    world.leases.down = true; // cannot renew: only the database tells
    await world.fences.take(id, 'w-x');
    await world.run(world.timing.fenceCheckMs + 200);
    expect(a.local.running.has(id)).toBe(false);
    expect(world.timing.fenceCheckMs + 500).toBeLessThan(world.timing.takeoverDelayMs);
  });

  it('keeps its cameras while Redis is away, and nobody takes them', async () => {
    const { world, a, b } = await twoWorkersWith(4);
    const before = world.runningOn();
    world.leases.down = true;
    world.registry.down = true;
    await world.run(3 * world.timing.leaseMs);
    expect(world.runningOn()).toEqual(before);
    expect(a.log.warnings.filter((m) => /cannot be renewed/.test(m))).toHaveLength(1);
    world.leases.down = false;
    world.registry.down = false;
    await world.run(2 * world.timing.leaseMs);
    expect(world.runningOn()).toEqual(before);
    expect([...a.local.calls, ...b.local.calls].filter((c) => c.startsWith('stop'))).toEqual([]);
  });

  it('claims again at once after a short hiccup of the lease store, but waits a lease after a long outage', async () => {
    const world = new ClusterWorld();
    world.addWorker('w-a');
    await world.run(1000);
    world.leases.down = true;
    await world.run(1000);
    world.leases.down = false;
    await world.addCamera({ id: 'c1' });
    await world.run(1500);
    expect(world.on('c1')).toEqual(['w-a']);
    world.leases.down = true;
    await world.run(world.timing.leaseMs);
    world.leases.down = false;
    await world.addCamera({ id: 'c2' });
    await world.run(world.timing.quietMs - 1000);
    expect(world.on('c2')).toEqual([]);
    await world.run(2000);
    expect(world.on('c2')).toEqual(['w-a']);
  });

  it('follows stored changes: restart on a new address, live changes, stop when disabled or deleted', async () => {
    const world = new ClusterWorld();
    for (const id of ['c1', 'c2', 'c3', 'c4']) await world.addCamera({ id });
    const a = world.addWorker('w-a', { capacity: 8 });
    await world.run(1500);
    expect(a.local.running.size).toBe(4);
    await world.cameras.update('c1', { rtspUrl: 'rtsp://h/other' });
    await world.cameras.update('c2', { fps: 3 });
    await world.cameras.update('c3', { enabled: false });
    await world.cameras.delete('c4');
    await world.cameras.update('c2', { status: 'error', lastError: 'x' }); // statuses alone change nothing
    await world.run(1500);
    const calls = a.local.calls.slice(4);
    expect(calls).toEqual(expect.arrayContaining(['stop c1 (status kept)', 'start c1', 'reconfigure c2', 'stop c3', 'stop c4 (status kept)']));
    expect(calls).toHaveLength(5);
    expect([...a.local.running.keys()].sort()).toEqual(['c1', 'c2']);
    expect(world.leases.holderOf(cameraLease('c3'))).toBeNull();
  });

  it('answers commands: a stop lets the camera go, a claim takes it, a start on a held camera tries again', async () => {
    const { world, a, b } = await twoWorkersWith(2);
    const [id] = [...a.local.running.keys()];
    await world.cameras.update(id, { status: 'stopped' });
    expect(await a.worker.handle({ kind: 'stop', cameraId: id })).toEqual({ ok: true, running: false });
    expect(a.local.calls).toContain(`stop ${id}`);
    expect(world.leases.holderOf(cameraLease(id))).toBeNull();
    expect(world.fences.fences.get(id)?.released).toBe(true);
    await world.cameras.update(id, { status: 'starting' });
    expect(await b.worker.handle({ kind: 'claim', cameraId: id })).toEqual({ ok: true, running: true });
    expect(world.on(id)).toEqual(['w-b']);
    expect(await a.worker.handle({ kind: 'claim', cameraId: id })).toEqual({ ok: false, running: false, error: 'taken' });
    expect(await b.worker.handle({ kind: 'start', cameraId: id })).toEqual({ ok: true, running: true });
    expect(b.local.calls.filter((c) => c === `start ${id}`)).toHaveLength(2);
  });
});
