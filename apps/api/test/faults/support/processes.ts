import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export interface FfmpegChild {
  pid: number;
  /** The RTSP pull or the frame decoder fed on stdin. */
  role: 'feed' | 'decoder';
  /** The simulator path a feed pulls (null for decoders, which see no URL). */
  path: string | null;
}

function cmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return []; // gone meanwhile
  }
}

/** Live (not zombie) ffmpeg children of this test process: the app under test runs in it. */
export function ffmpegChildren(): FfmpegChild[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there is no child
  }
  const children: FfmpegChild[] = [];
  for (const line of out.split('\n')) {
    const [pid, stat, comm] = line.trim().split(/\s+/);
    if (!comm || !/ffmpeg/.test(comm) || stat.startsWith('Z')) continue;
    const args = cmdline(Number(pid));
    const url = args[args.indexOf('-i') + 1] ?? '';
    const isFeed = url.startsWith('rtsp://');
    children.push({ pid: Number(pid), role: isFeed ? 'feed' : 'decoder', path: isFeed ? new URL(url).pathname.slice(1) : null });
  }
  return children;
}

/** Open file descriptors of this process (sockets, pipes to ffmpeg, files). */
export function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}

export function threadCount(): number {
  return Number(/Threads:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it answers a value (not undefined) or `timeoutMs` pass. */
export async function until<T>(what: string, timeoutMs: number, probe: () => T | undefined | Promise<T | undefined>, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
