import { seededRandom } from '../bench/support/seeded-random';
import type { CameraSimulator, PathFault } from '../camera-sim';

// Soak runs and fault tests take their seeded random source from here.
export { seededRandom };

/** What can happen to a camera during a soak or fault run. */
export type FlapKind = 'down' | 'drop' | 'stall' | 'refuse' | 'reset' | 'garbage' | 'restart';

export const FLAP_KINDS: readonly FlapKind[] = ['down', 'drop', 'stall', 'refuse', 'reset', 'garbage', 'restart'];

export interface FlapEvent {
  atMs: number;
  path: string;
  kind: FlapKind;
  forMs: number;
}

export interface FlapperOptions {
  /** Simulator paths to flap (one camera each). */
  paths: string[];
  /** A new fault every this many ms. */
  everyMs: number;
  /** At most this many cameras misbehave at once (the others keep streaming). */
  maxFaulted: number;
  /** Seeded random source, so a run can be repeated. */
  random: () => number;
  /** 'restart': the camera is stopped and started through the API. */
  restart: (path: string) => Promise<void>;
  /** Fault duration range, ms. */
  minFaultMs?: number;
  maxFaultMs?: number;
}

const FAULTS: Record<Exclude<FlapKind, 'down' | 'restart'>, (random: () => number) => PathFault> = {
  drop: (random) => ({ dropAfterMs: 1500 + Math.round(random() * 3000) }),
  stall: () => ({ stall: true }),
  refuse: () => ({ refuse: true }),
  reset: () => ({ refuse: 'reset' }),
  garbage: () => ({ garbage: 'rtp' }),
};

/**
 * Makes simulated cameras misbehave in turn through the simulator's fault API (and the odd API
 * restart), each fault cleared after a few seconds, so the product keeps reconnecting for as long
 * as the run lasts.
 */
export class Flapper {
  readonly events: FlapEvent[] = [];
  private readonly faulted = new Map<string, NodeJS.Timeout>();
  private timer: NodeJS.Timeout | null = null;
  private readonly startedAt = Date.now();

  constructor(
    private readonly sim: CameraSimulator,
    private readonly options: FlapperOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick().catch(() => undefined), this.options.everyMs);
  }

  /** Stops flapping and clears every fault still in force. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const [path, timer] of this.faulted) {
      clearTimeout(timer);
      this.clear(path);
    }
    this.faulted.clear();
  }

  counts(): Record<FlapKind, number> {
    const counts = Object.fromEntries(FLAP_KINDS.map((k) => [k, 0])) as Record<FlapKind, number>;
    for (const event of this.events) counts[event.kind]++;
    return counts;
  }

  private async tick(): Promise<void> {
    const { paths, maxFaulted, random, minFaultMs = 3000, maxFaultMs = 12_000 } = this.options;
    const calm = paths.filter((p) => !this.faulted.has(p));
    if (calm.length === 0 || this.faulted.size >= maxFaulted) return;
    const path = calm[Math.floor(random() * calm.length)];
    const kind = FLAP_KINDS[Math.floor(random() * FLAP_KINDS.length)];
    const forMs = Math.round(minFaultMs + random() * (maxFaultMs - minFaultMs));
    this.events.push({ atMs: Date.now() - this.startedAt, path, kind, forMs });
    if (kind === 'restart') return this.options.restart(path);
    if (kind === 'down') this.sim.down(path);
    else this.sim.setFault(path, FAULTS[kind](random));
    this.faulted.set(
      path,
      setTimeout(() => {
        this.faulted.delete(path);
        this.clear(path);
      }, forMs),
    );
  }

  private clear(path: string): void {
    this.sim.setFault(path, {});
    this.sim.up(path);
  }
}
