import { readFileSync } from 'node:fs';
import { childPids } from '../bench/support/process-usage';

// The soak's faults beyond the cameras: ffmpeg children killed with SIGKILL and the database
// taken away for a while. (A throwing detection worker needs a worker injected into the process,
// which only the in-process fault suite can do.)

export type FfmpegRole = 'feed' | 'decoder';

export interface FfmpegChild {
  pid: number;
  role: FfmpegRole;
}

/** A feed pulls `-i rtsp://…`; a decoder reads FLV from `-i pipe:0` only; anything else is neither. */
export function ffmpegRole(args: string[]): FfmpegRole | null {
  if (!/ffmpeg/.test(args[0] ?? '')) return null;
  const inputs = args.flatMap((arg, i) => (arg === '-i' ? [args[i + 1] ?? ''] : []));
  if (inputs.some((input) => input.startsWith('rtsp://'))) return 'feed';
  return inputs.length === 1 && inputs[0] === 'pipe:0' ? 'decoder' : null;
}

function processArgs(pid: number): string[] {
  try {
    const state = /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
    if (state === 'Z') return []; // dead, not yet reaped
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return []; // gone meanwhile
  }
}

export const isFfmpeg = (pid: number): boolean => ffmpegRole(processArgs(pid)) !== null;

/** Live ffmpeg feeds and decoders among the children of `parentPid`. */
export function ffmpegChildren(parentPid: number): FfmpegChild[] {
  return childPids(parentPid).flatMap((pid) => {
    const role = ffmpegRole(processArgs(pid));
    return role ? [{ pid, role }] : [];
  });
}

/** The next child to kill: the other role than last time when there is one, else any. */
export function nextVictim(children: FfmpegChild[], last: FfmpegRole | null, random: () => number): FfmpegChild | null {
  const other = children.filter((c) => c.role !== last);
  const pool = other.length > 0 ? other : children;
  return pool.length > 0 ? pool[Math.floor(random() * pool.length)] : null;
}

/** Every `everyMs`, SIGKILLs one ffmpeg child of the server, feeds and decoders in turn. */
export class FfmpegKiller {
  readonly kills: Record<FfmpegRole, number> = { feed: 0, decoder: 0 };
  private last: FfmpegRole | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: {
      everyMs: number;
      random: () => number;
      children: () => FfmpegChild[];
      kill?: (pid: number) => void;
    },
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.options.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const victim = nextVictim(this.options.children(), this.last, this.options.random);
    if (!victim) return;
    try {
      (this.options.kill ?? ((pid) => process.kill(pid, 'SIGKILL')))(victim.pid);
    } catch {
      return; // it ended on its own meanwhile
    }
    this.kills[victim.role]++;
    this.last = victim.role;
  }
}

/**
 * Outages of `forS` seconds spread evenly over a run of `runS` seconds, about one every `everyS`
 * (at least one when the run is twice as long as an outage), each centred in its share of the run
 * so that every outage is over well before the run ends.
 */
export function outageWindows(runS: number, everyS: number, forS: number): Array<{ startS: number; endS: number }> {
  if (runS < 2 * forS) return [];
  const count = Math.max(1, Math.floor(runS / Math.max(everyS, 2 * forS)));
  const share = runS / count;
  return Array.from({ length: count }, (_, i) => {
    const startS = Math.round(i * share + (share - forS) / 2);
    return { startS, endS: startS + forS };
  });
}

export interface Outage {
  /** Seconds from the start of the faults. */
  atS: number;
  /** Seconds the database was actually away. */
  forS: number;
}

/** Takes the database away (suspend) and brings it back (resume) on the windows' schedule. */
export class DatabaseOutages {
  readonly outages: Outage[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private downAt: number | null = null;
  private startedAt = 0;

  constructor(
    private readonly database: { suspend(): Promise<void>; resume(): Promise<void> },
    private readonly windows: Array<{ startS: number; endS: number }>,
  ) {}

  start(): void {
    this.startedAt = Date.now();
    for (const { startS, endS } of this.windows) {
      this.timers.push(setTimeout(() => void this.down(), startS * 1000));
      this.timers.push(setTimeout(() => void this.up(), endS * 1000));
    }
  }

  /** Cancels the outages to come and ends one in progress. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await this.up();
  }

  private async down(): Promise<void> {
    this.downAt = Date.now();
    await this.database.suspend();
  }

  private async up(): Promise<void> {
    if (this.downAt === null) return;
    const downAt = this.downAt;
    this.downAt = null;
    await this.database.resume();
    this.outages.push({ atS: Math.round((downAt - this.startedAt) / 1000), forS: Math.round((Date.now() - downAt) / 100) / 10 });
  }
}
