// Scheduling for tests: timers on the FakeClock, seeded randomness and a way to let pending
// promise callbacks run. Nothing waits on real time.
import type { TimerHandle, Timers } from '../streams/timers';
import type { FakeClock } from './fakes';

interface PendingTimer {
  seq: number;
  at: number;
  callback: () => void;
}

/** Timers on a FakeClock: `advance(ms)` moves the clock and runs what falls due, in time order. */
export class ManualTimers implements Timers {
  private pending: PendingTimer[] = [];
  private seq = 0;

  constructor(readonly clock: FakeClock) {}

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer: PendingTimer = { seq: ++this.seq, at: this.now() + Math.max(0, ms), callback };
    this.pending.push(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending = this.pending.filter((t) => t !== handle);
  }

  /** Moves time forward, running every callback due on the way (also those scheduled meanwhile). */
  advance(ms: number): void {
    const target = this.now() + ms;
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.pending = this.pending.filter((t) => t !== next);
      this.clock.advance(next.at - this.now());
      next.callback();
    }
    this.clock.advance(target - this.now());
  }

  /** Delays (ms from now) of the timers still pending, soonest first. */
  pendingDelays(): number[] {
    return this.sorted().map((t) => t.at - this.now());
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  private earliest(): PendingTimer | undefined {
    return this.sorted()[0];
  }

  private sorted(): PendingTimer[] {
    return [...this.pending].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

/** Deterministic random numbers in [0, 1) (mulberry32), for jitter. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lets every pending promise callback run (no real time passes). */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
