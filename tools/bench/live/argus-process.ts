import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
export const ADMIN_PASSWORD = 'bench-admin-password-1';

export interface ArgusProcess {
  baseUrl: string;
  pid: number;
  token: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path)
    .filter((entry) => entry !== 'node_modules' && !entry.startsWith('.'))
    .reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), 0);
}

/**
 * `npm start`'s server build (same stamp file), without the console: the bench serves no pages.
 * Returns the server's main script.
 */
function buildServerIfStale(): string {
  const stamp = join(ROOT, 'dist/server/.built');
  const sources = ['apps/api/src', 'apps/api/tsconfig.app.json', 'libs', 'package-lock.json', 'tsconfig.base.json'];
  const newest = Math.max(...sources.map((s) => newestMtime(join(ROOT, s))));
  if (!existsSync(stamp) || statSync(stamp).mtimeMs <= newest) {
    process.stdout.write('Building the Argus server…\n');
    // The api project's build target: tsc, then path aliases rewritten.
    for (const tool of ['tsc', 'tsc-alias']) {
      const build = spawnSync(join(ROOT, 'node_modules/.bin', tool), ['-p', 'apps/api/tsconfig.app.json'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
      if (build.status !== 0) throw new Error(`the server build failed (${tool})`);
    }
    writeFileSync(stamp, new Date().toISOString() + '\n');
  }
  return join(ROOT, 'dist/server/apps/api/src/main.js');
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The built Argus server (`npm start`'s build) in a child process, on a fresh DATA_DIR. */
export async function startArgus(env: Record<string, string> = {}): Promise<ArgusProcess> {
  const serverMain = buildServerIfStale();
  const dataDir = mkdtempSync(join(tmpdir(), 'argus-bench-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [serverMain], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_PASSWORD, WEB_ROOT: '', LOG_LEVEL: 'warn', ...env },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = async <T>(method: string, path: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) };
    const res = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    const health = await fetch(`${baseUrl}/api/health`).catch(() => null);
    if (health?.ok) break;
    if (i > 240 || child.exitCode !== null) {
      await stop();
      throw new Error('Argus did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const login = await api<{ token: string }>('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  const token = login.body.token;
  return { baseUrl, pid: child.pid as number, token, api: (m, p, b) => api(m, p, b, token), stop };
}

/** CPU time (user + system, ms) of a process, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Direct children of a process (the ffmpeg feeds of Argus). */
export function childPids(pid: number): number[] {
  const pids: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (children) pids.push(...children.split(' ').map(Number));
  }
  return pids;
}

/** Share of one core a set of processes used while `during` ran. */
export async function coreShare(pids: () => number[], during: () => Promise<void>): Promise<number> {
  const sum = (list: number[]) => list.reduce((total, pid) => total + safeCpu(pid), 0);
  const before = pids();
  const cpu0 = sum(before);
  const t0 = performance.now();
  await during();
  const elapsed = performance.now() - t0;
  return (sum(before) - cpu0) / elapsed;
}

function safeCpu(pid: number): number {
  try {
    return cpuMs(pid);
  } catch {
    return 0;
  }
}
