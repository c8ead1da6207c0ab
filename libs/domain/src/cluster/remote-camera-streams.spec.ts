import { CameraStatusReporter } from '../cameras/use-cases/camera-status';
import { aCamera } from '../testing/builders';
import { FakeClock, InMemoryCameras, RecordingPublisher } from '../testing/fakes';
import { ManualTimers } from '../testing/manual-timers';
import { RecordingLog } from '../testing/runtime-world';
import { MemoryBusHub, MemoryLeaseStore, MemoryNodeRegistry } from '../testing/cluster-fakes';
import type { CameraCommand } from './cluster-commands';
import { cameraLease, clusterTiming } from './cluster-timing';
import { RemoteCameraStreams } from './remote-camera-streams';

function setUp() {
  const clock = new FakeClock();
  const cameras = new InMemoryCameras();
  const leases = new MemoryLeaseStore(clock);
  const registry = new MemoryNodeRegistry(clock);
  const hub = new MemoryBusHub();
  const log = new RecordingLog();
  const publisher = new RecordingPublisher();
  const received: Array<{ node: string; command: CameraCommand }> = [];
  for (const node of ['w-a', 'w-n']) {
    hub.bus(node).handle(async (command) => {
      received.push({ node, command });
      return { ok: true, running: command.kind !== 'stop' };
    });
  }
  const announce = async (id: string, labels: string[] = []) =>
    registry.announce({ id, role: 'worker', host: id, url: '', startedAt: clock.now(), lastSeen: clock.now(), cameras: 0, labels, capacity: 1 }, 60_000);
  const streams = new RemoteCameraStreams({
    nodeId: 'api-1',
    cameras,
    status: new CameraStatusReporter({ cameras, publisher, clock }),
    leases,
    registry,
    bus: hub.bus('api-1'),
    timing: clusterTiming(),
    timers: new ManualTimers(clock),
    log,
  });
  return { cameras, leases, registry, hub, log, received, streams, announce, publisher };
}

describe('RemoteCameraStreams', () => {
  it('starts a camera on the worker placement gives it, after recording the wish to run', async () => {
    const t = setUp();
    await t.announce('w-a');
    const camera = aCamera({ status: 'stopped' });
    await t.cameras.create(camera);
    await t.streams.start(camera);
    expect(t.received).toEqual([{ node: 'w-a', command: { kind: 'claim', cameraId: 'c1' } }]);
    expect((await t.cameras.findById('c1'))?.status).toBe('starting');
  });

  it('sends start, stop and changes to the worker holding the lease, and knows it runs there', async () => {
    const t = setUp();
    await t.leases.acquire(cameraLease('c1'), 'w-n', 60_000);
    const camera = aCamera({ status: 'running' });
    await t.cameras.create(camera);
    await t.streams.start(camera);
    await t.streams.reconfigure(camera);
    expect(t.streams.isActive('c1')).toBe(true);
    await t.streams.stop('c1');
    expect(t.received.map((r) => `${r.command.kind}@${r.node}`)).toEqual(['start@w-n', 'reconfigure@w-n', 'stop@w-n']);
  });

  it('marks a camera whose label no worker carries as in error, naming the label', async () => {
    const t = setUp();
    await t.announce('w-a');
    const camera = aCamera({ status: 'stopped', workerLabel: 'site-north' } as never);
    await t.cameras.create(camera);
    await t.streams.start(camera);
    expect(t.received).toEqual([]);
    const stored = await t.cameras.findById('c1');
    expect({ status: stored?.status, lastError: stored?.lastError }).toEqual({ status: 'error', lastError: 'no worker with label "site-north" is up' });
  });

  it('records a stop itself when no worker runs the camera or the worker does not answer', async () => {
    const t = setUp();
    await t.cameras.create(aCamera({ status: 'error', lastError: 'x' }));
    await t.streams.stop('c1');
    expect((await t.cameras.findById('c1'))?.status).toBe('stopped');
    await t.cameras.update('c1', { status: 'running' });
    await t.leases.acquire(cameraLease('c1'), 'w-dead', 60_000);
    await t.streams.stop('c1');
    expect((await t.cameras.findById('c1'))?.status).toBe('stopped');
    expect(t.log.warnings.some((m) => /got no answer/.test(m))).toBe(true);
  });

  it('keeps answering while Redis is away: the wish is recorded for the workers to follow', async () => {
    const t = setUp();
    const camera = aCamera({ status: 'stopped' });
    await t.cameras.create(camera);
    t.leases.down = true;
    t.hub.down = true;
    await t.streams.start(camera);
    expect((await t.cameras.findById('c1'))?.status).toBe('starting');
    await t.streams.stop('c1');
    expect((await t.cameras.findById('c1'))?.status).toBe('stopped');
  });

  it('spreads starts made in a row, counting the cameras each worker just took', async () => {
    const t = setUp();
    await t.announce('w-a');
    await t.announce('w-n');
    for (const node of ['w-a', 'w-n']) {
      const bus = t.hub.bus(node);
      bus.handle(async (command) => {
        t.received.push({ node, command });
        await t.leases.acquire(cameraLease(command.cameraId), node, 60_000);
        bus.announce({ cameraId: command.cameraId, owner: node });
        return { ok: true, running: true };
      });
    }
    for (const id of ['c1', 'c2', 'c3', 'c4']) {
      const camera = aCamera({ id, status: 'stopped' });
      await t.cameras.create(camera);
      await t.streams.start(camera);
    }
    const counts = t.received.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.node]: (acc[r.node] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 'w-a': 2, 'w-n': 2 });
  });
});
