import type { CameraStatus } from '../cameras/camera';
import { ManualTimers, seededRandom } from '../testing/manual-timers';
import { FakeClock } from '../testing/fakes';
import { reconnectDelayMs } from './backoff';
import { StreamSupervisor, type SupervisedStream } from './stream-supervisor';

class RecordingStream implements SupervisedStream {
  readonly events: string[] = [];
  readonly generations: number[] = [];
  openError: Error | null = null;
  onOpen: ((generation: number) => void) | null = null;
  open(generation: number): void {
    this.events.push('open');
    this.generations.push(generation);
    if (this.openError) throw this.openError;
    this.onOpen?.(generation);
  }
  close(): void {
    this.events.push('close');
  }
  status(status: CameraStatus, error?: string): void {
    this.events.push(error === undefined ? status : `${status}: ${error}`);
  }
  get generation(): number {
    return this.generations[this.generations.length - 1];
  }
  take(): string[] {
    return this.events.splice(0);
  }
}

function setup(random: () => number = () => 0.5) {
  const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
  const timers = new ManualTimers(clock);
  const stream = new RecordingStream();
  const supervisor = new StreamSupervisor(stream, clock, timers, random);
  /** Delivers data every second for `ms`. */
  const flow = (ms: number) => {
    for (let t = 0; t < ms; t += 1000) {
      supervisor.data(stream.generation);
      timers.advance(1000);
    }
  };
  return { clock, timers, stream, supervisor, flow };
}

describe('StreamSupervisor states', () => {
  it('goes starting → running → error → starting → running, publishing each change once', () => {
    const { timers, stream, supervisor } = setup();
    supervisor.start();
    expect(supervisor.current).toBe('starting');
    supervisor.data(stream.generation);
    supervisor.data(stream.generation);
    expect(supervisor.current).toBe('running');
    supervisor.ended(stream.generation, 'connection reset');
    expect(supervisor.current).toBe('waiting');
    expect(stream.take()).toEqual(['starting', 'open', 'running', 'close', 'error: connection reset; reconnecting in 1 s']);
    timers.advance(999);
    expect(stream.take()).toEqual([]);
    timers.advance(1);
    supervisor.data(stream.generation);
    expect(stream.take()).toEqual(['starting', 'open', 'running']);
    expect(supervisor.reconnects).toBe(1);
  });

  it('opens each attempt with a new generation and ignores a second start', () => {
    const { timers, stream, supervisor } = setup();
    supervisor.start();
    supervisor.start();
    supervisor.ended(stream.generation, 'refused');
    timers.advance(1000);
    expect(stream.generations).toHaveLength(2);
    expect(stream.generations[1]).toBeGreaterThan(stream.generations[0]);
  });

  it('ignores data and ends reported by an old generation', () => {
    const { timers, stream, supervisor } = setup();
    supervisor.start();
    const old = stream.generation;
    supervisor.ended(old, 'refused');
    supervisor.data(old);
    expect(supervisor.current).toBe('waiting');
    timers.advance(1000);
    stream.take();
    supervisor.data(old);
    supervisor.ended(old, 'late end of the first attempt');
    expect(supervisor.current).toBe('starting');
    supervisor.data(stream.generation);
    expect(supervisor.current).toBe('running');
    expect(stream.take()).toEqual(['running']);
  });

  it('turns a connector that throws into an error with a reconnect', () => {
    const { timers, stream, supervisor } = setup();
    stream.openError = new Error('spawn EACCES');
    supervisor.start();
    expect(supervisor.current).toBe('waiting');
    expect(stream.take()).toEqual(['starting', 'open', 'close', 'error: could not connect: spawn EACCES; reconnecting in 1 s']);
    stream.openError = null;
    timers.advance(1000);
    supervisor.data(stream.generation);
    expect(supervisor.current).toBe('running');
  });

  it('leaves only the reconnect pending when a connection fails inside open()', () => {
    const { timers, stream, supervisor } = setup();
    stream.onOpen = (generation) => supervisor.ended(generation, 'refused');
    supervisor.start();
    expect(timers.pendingDelays()).toEqual([1000]);
  });
});

describe('StreamSupervisor backoff', () => {
  it('waits 1, 2, 4 … 60 s (± jitter from the seeded random) between failed attempts', () => {
    const { timers, stream, supervisor } = setup(seededRandom(7));
    const replay = seededRandom(7);
    supervisor.start();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 9; attempt++) {
      supervisor.ended(stream.generation, 'refused');
      expect(timers.pendingDelays()).toHaveLength(1);
      delays.push(timers.pendingDelays()[0]);
      const status = stream.events[stream.events.length - 1];
      expect(status).toBe(`error: refused; reconnecting in ${Math.max(1, Math.round(delays[attempt] / 1000))} s`);
      timers.advance(delays[attempt]);
      expect(supervisor.current).toBe('starting');
    }
    expect(delays).toEqual(delays.map((_, attempt) => reconnectDelayMs(attempt, replay)));
    const nominal = [1, 2, 4, 8, 16, 32, 60, 60, 60].map((s) => s * 1000);
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(nominal[i] * 0.8);
      expect(delay).toBeLessThanOrEqual(Math.min(60_000, nominal[i] * 1.2));
    });
    expect(delays.filter((d, i) => d !== nominal[i]).length).toBeGreaterThan(0);
    expect(supervisor.reconnects).toBe(9);
  });

  it('starts again at 1 s after a healthy minute of running', () => {
    const { timers, stream, supervisor, flow } = setup();
    supervisor.start();
    for (const expected of [1000, 2000, 4000]) {
      supervisor.ended(stream.generation, 'refused');
      expect(timers.pendingDelays()).toEqual([expected]);
      timers.advance(expected);
    }
    flow(60_000);
    expect(supervisor.current).toBe('running');
    supervisor.ended(stream.generation, 'connection reset');
    expect(timers.pendingDelays()).toEqual([1000]);
  });

  it('keeps growing when the stream ran for less than a minute', () => {
    const { timers, stream, supervisor, flow } = setup();
    supervisor.start();
    for (const expected of [1000, 2000, 4000]) {
      supervisor.ended(stream.generation, 'refused');
      timers.advance(expected);
    }
    flow(59_000);
    supervisor.ended(stream.generation, 'connection reset');
    expect(timers.pendingDelays()).toEqual([8000]);
  });
});

describe('StreamSupervisor watchdog', () => {
  it('fails a connection that delivers nothing within 10 s', () => {
    const { timers, stream, supervisor } = setup();
    supervisor.start();
    stream.take();
    timers.advance(9999);
    expect(supervisor.current).toBe('starting');
    timers.advance(1);
    expect(supervisor.current).toBe('waiting');
    expect(stream.take()).toEqual(['close', 'error: no video within 10 s; reconnecting in 1 s']);
  });

  it('fails a running stream after 10 s of silence, not before', () => {
    const { timers, stream, supervisor, flow } = setup();
    supervisor.start();
    flow(5000);
    supervisor.data(stream.generation);
    stream.take();
    timers.advance(9999);
    expect(supervisor.current).toBe('running');
    timers.advance(1);
    expect(stream.take()).toEqual(['close', 'error: no video for 10 s; reconnecting in 1 s']);
  });

  it('keeps quiet while data flows', () => {
    const { stream, supervisor, flow } = setup();
    supervisor.start();
    flow(120_000);
    expect(supervisor.current).toBe('running');
    expect(stream.events.filter((e) => e.startsWith('error'))).toEqual([]);
  });
});

describe('StreamSupervisor stop', () => {
  it('closes a running stream once and never reconnects', () => {
    const { timers, stream, supervisor } = setup();
    supervisor.start();
    const generation = stream.generation;
    supervisor.data(generation);
    stream.take();
    supervisor.stop();
    supervisor.stop();
    supervisor.ended(generation, 'closed by stop');
    timers.advance(600_000);
    expect(stream.take()).toEqual(['close', 'stopped']);
    expect(supervisor.current).toBe('stopped');
    expect(timers.pendingCount).toBe(0);
  });

  it('cancels the pending reconnect when stopped while waiting', () => {
    const { timers, stream, supervisor } = setup();
    supervisor.start();
    supervisor.ended(stream.generation, 'refused');
    stream.take();
    supervisor.stop();
    timers.advance(600_000);
    expect(stream.take()).toEqual(['stopped']);
    expect(stream.generations).toHaveLength(1);
    expect(supervisor.reconnects).toBe(0);
  });

  it('is final: start after stop does nothing', () => {
    const { stream, supervisor } = setup();
    supervisor.start();
    supervisor.stop();
    supervisor.start();
    expect(stream.generations).toHaveLength(1);
    expect(supervisor.current).toBe('stopped');
  });
});
