import type { CameraSimulator, PathFault } from '../camera-sim';
import { DatabaseOutages, FfmpegKiller, ffmpegRole, nextVictim, outageWindows, type FfmpegChild } from './faults';
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

describe('ffmpeg kills', () => {
  it('tells feeds from decoders by their inputs', () => {
    expect(ffmpegRole(['/usr/bin/ffmpeg', '-rtsp_transport', 'tcp', '-f', 'rtsp', '-i', 'rtsp://127.0.0.1:8554/cam0', '-c', 'copy', '-f', 'flv', 'pipe:1'])).toBe('feed');
    expect(ffmpegRole(['ffmpeg', '-f', 'flv', '-i', 'pipe:0', '-f', 'rawvideo', 'pipe:1'])).toBe('decoder');
    expect(ffmpegRole(['ffmpeg', '-f', 'flv', '-i', 'pipe:0', '-f', 'rawvideo', '-i', 'pipe:3', 'rtsp://out'])).toBeNull(); // box burner
    expect(ffmpegRole(['node', '-i', 'pipe:0'])).toBeNull();
    expect(ffmpegRole([])).toBeNull();
  });

  it('kills feeds and decoders in turn, any child when only one role is left, and counts the kills', async () => {
    jest.useFakeTimers();
    try {
      let children: FfmpegChild[] = [{ pid: 1, role: 'feed' }, { pid: 2, role: 'decoder' }, { pid: 3, role: 'feed' }, { pid: 4, role: 'decoder' }];
      const killed: number[] = [];
      const killer = new FfmpegKiller({ everyMs: 1000, random: seededRandom(3), children: () => children, kill: (pid) => void killed.push(pid) });
      killer.start();
      await jest.advanceTimersByTimeAsync(4000);
      const roles = killed.map((pid) => children.find((c) => c.pid === pid)?.role);
      expect(roles).toHaveLength(4);
      expect(roles.every((role, i) => i === 0 || role !== roles[i - 1])).toBe(true);
      expect(killer.kills).toEqual({ feed: 2, decoder: 2 });
      children = [{ pid: 5, role: 'feed' }];
      await jest.advanceTimersByTimeAsync(2000);
      expect(killed.slice(4)).toEqual([5, 5]);
      children = [];
      await jest.advanceTimersByTimeAsync(1000);
      killer.stop();
      await jest.advanceTimersByTimeAsync(5000);
      expect(killer.kills).toEqual({ feed: 4, decoder: 2 });
    } finally {
      jest.useRealTimers();
    }
  });

  it('picks a child of the other role than last time', () => {
    const children: FfmpegChild[] = [{ pid: 1, role: 'feed' }, { pid: 2, role: 'decoder' }, { pid: 3, role: 'decoder' }];
    expect(nextVictim(children, 'decoder', Math.random)).toEqual({ pid: 1, role: 'feed' });
    expect(nextVictim(children, 'feed', () => 0.9)).toEqual({ pid: 3, role: 'decoder' });
    expect(nextVictim([], null, Math.random)).toBeNull();
  });
});

describe('database outages', () => {
  it('spreads outages of the given length over the run, all over well before its end', () => {
    expect(outageWindows(180, 300, 30)).toEqual([{ startS: 75, endS: 105 }]);
    expect(outageWindows(1800, 300, 30)).toEqual([0, 1, 2, 3, 4, 5].map((i) => ({ startS: 135 + i * 300, endS: 165 + i * 300 })));
    expect(outageWindows(300, 10, 30)).toHaveLength(5); // never closer than one outage apart
    expect(outageWindows(45, 300, 30)).toEqual([]); // too short a run for one
  });

  it('takes the database away and back on schedule, and ends an outage in progress on stop', async () => {
    jest.useFakeTimers();
    try {
      const calls: string[] = [];
      const database = { suspend: async () => void calls.push(`down@${Date.now()}`), resume: async () => void calls.push(`up@${Date.now()}`) };
      const t0 = Date.now();
      const outages = new DatabaseOutages(database, [{ startS: 10, endS: 40 }, { startS: 100, endS: 130 }]);
      outages.start();
      await jest.advanceTimersByTimeAsync(110_000);
      await outages.stop();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(calls).toEqual([`down@${t0 + 10_000}`, `up@${t0 + 40_000}`, `down@${t0 + 100_000}`, `up@${t0 + 110_000}`]);
      expect(outages.outages).toEqual([{ atS: 10, forS: 30 }, { atS: 100, forS: 10 }]);
      await outages.stop(); // nothing in progress: no resume
      expect(calls).toHaveLength(4);
    } finally {
      jest.useRealTimers();
    }
  });
});
