import { CameraStatusReporter } from '../cameras/use-cases/camera-status';
import { aCamera } from '../testing/builders';
import { FakeClock, InMemoryCameras, RecordingPublisher } from '../testing/fakes';
import { ManualTimers } from '../testing/manual-timers';
import { RecordingLog } from '../testing/runtime-world';
import { MemoryLeaseStore, MemoryNodeRegistry } from '../testing/cluster-fakes';
import { clusterTiming } from './cluster-timing';
import { LeaderElection } from './leader-election';
import { UnplacedCameras } from './unplaced-cameras';

function nodes() {
  const clock = new FakeClock();
  const leases = new MemoryLeaseStore(clock);
  const timing = clusterTiming();
  const timers = new ManualTimers(clock);
  const make = (nodeId: string) => new LeaderElection({ nodeId, leases, timing, timers, clock, log: new RecordingLog() });
  return { clock, leases, timing, timers, make };
}

describe('LeaderElection', () => {
  it('lets exactly one node lead, and another take over once the leader is gone for a lease', async () => {
    const { make, clock, timing } = nodes();
    const a = make('a');
    const b = make('b');
    await a.tick();
    await b.tick();
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    clock.advance(timing.leaseMs + 1); // a stops renewing (died)
    await b.tick();
    expect(b.isLeader()).toBe(true);
    await a.tick();
    expect(a.isLeader()).toBe(false);
  });

  it('steps down after a whole lease without reaching the lease store, and hands over at stop', async () => {
    const { make, clock, timing, leases } = nodes();
    const a = make('a');
    const b = make('b');
    await a.tick();
    leases.down = true;
    clock.advance(timing.leaseMs - 1);
    await a.tick();
    expect(a.isLeader()).toBe(true);
    clock.advance(2);
    await a.tick();
    expect(a.isLeader()).toBe(false);
    leases.down = false;
    await a.tick();
    await a.stop();
    await b.tick();
    expect(b.isLeader()).toBe(true);
  });
});

describe('UnplacedCameras', () => {
  it('marks wanted cameras no worker up may run as in error, on the leader only', async () => {
    const clock = new FakeClock();
    const cameras = new InMemoryCameras();
    const registry = new MemoryNodeRegistry(clock);
    const leases = new MemoryLeaseStore(clock);
    await cameras.create(aCamera({ id: 'c1', status: 'running', workerLabel: 'site-north' } as never));
    await cameras.create(aCamera({ id: 'c2', status: 'running' }));
    await cameras.create(aCamera({ id: 'c3', status: 'stopped', workerLabel: 'site-north' } as never));
    await registry.announce({ id: 'w', role: 'worker', host: 'w', url: '', startedAt: clock.now(), lastSeen: clock.now(), cameras: 0, labels: [], capacity: 1 }, 60_000);
    let leader = false;
    const watch = new UnplacedCameras({
      cameras,
      leases,
      registry,
      status: new CameraStatusReporter({ cameras, publisher: new RecordingPublisher(), clock }),
      isLeader: () => leader,
      timing: clusterTiming(),
      timers: new ManualTimers(clock),
      log: new RecordingLog(),
    });
    await watch.check();
    expect((await cameras.findById('c1'))?.status).toBe('running');
    leader = true;
    await watch.check();
    expect(await cameras.findById('c1')).toMatchObject({ status: 'error', lastError: 'no worker with label "site-north" is up' });
    expect((await cameras.findById('c2'))?.status).toBe('running');
    expect((await cameras.findById('c3'))?.status).toBe('stopped');
  });
});
