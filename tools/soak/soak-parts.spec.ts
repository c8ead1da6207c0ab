import type { CameraSimulator, PathFault } from '../camera-sim';
import { Flapper, seededRandom } from './flapper';
import { RunningTotals, metricSeries, metricSum } from './sampler';

function fakeSimulator() {
  const faults = new Map<string, PathFault>();
  const downs = new Set<string>();
  const sim = {
    setFault: (path: string, fault: PathFault) => faults.set(path, fault),
    down: (path: string) => downs.add(path),
    up: (path: string) => downs.delete(path),
  } as unknown as CameraSimulator;
  const misbehaving = () => [...faults].filter(([, f]) => Object.keys(f).length > 0).length + downs.size;
  return { sim, misbehaving };
}

describe('Flapper', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('injects faults in a repeatable order, never more than maxFaulted at once, and clears them all on stop', async () => {
    const run = async () => {
      const { sim, misbehaving } = fakeSimulator();
      const restarts: string[] = [];
      const flapper = new Flapper(sim, { paths: ['a', 'b', 'c', 'd'], everyMs: 1000, maxFaulted: 2, random: seededRandom(7), restart: async (p) => void restarts.push(p) });
      flapper.start();
      let most = 0;
      for (let i = 0; i < 60; i++) {
        await jest.advanceTimersByTimeAsync(1000);
        most = Math.max(most, misbehaving());
      }
      flapper.stop();
      return { events: flapper.events.map((e) => `${e.path}:${e.kind}:${e.forMs}`), most, left: misbehaving(), counts: flapper.counts(), restarts };
    };
    const first = await run();
    expect(first.events.length).toBeGreaterThan(10);
    expect(first.most).toBeLessThanOrEqual(2);
    expect(first.left).toBe(0);
    expect(first.restarts.length).toBe(first.counts.restart);
    expect((await run()).events).toEqual(first.events);
  });
});

describe('sampler helpers', () => {
  const text = ['# TYPE argus_camera_reconnects_total counter', 'argus_camera_reconnects_total{camera="a"} 3', 'argus_camera_reconnects_total{camera="b"} 2', 'argus_cameras_active 2'].join('\n');

  it('reads every series of a metric', () => {
    expect(metricSeries(text, 'argus_camera_reconnects_total')).toEqual(new Map([['argus_camera_reconnects_total{camera="a"}', 3], ['argus_camera_reconnects_total{camera="b"}', 2]]));
    expect(metricSum(text, 'argus_cameras_active')).toBe(2);
  });

  it('keeps running totals across a counter reset (camera restarted)', () => {
    const totals = new RunningTotals();
    expect(totals.update(new Map([['x', 5], ['y', 1]]))).toBe(6);
    expect(totals.update(new Map([['x', 2], ['y', 4]]))).toBe(11); // x restarted: 5 + 2
    expect(totals.update(new Map([['x', 3]]))).toBe(12); // y gone: its last value stays counted
  });
});
