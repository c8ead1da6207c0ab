import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';

const ROOT = join(__dirname, '..', '..', '..');
export const BENCH_ADMIN = { username: 'admin', password: 'bench-password-1' };

export interface RunningArgus {
  url: string;
  pid: number;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Builds when stale, then runs the real server (dist) on a free port with a throw-away DATA_DIR. */
export async function startArgus(port: number, env: Record<string, string> = {}): Promise<RunningArgus> {
  const { ensureBuilt, ensureServerBuilt, serverMain } = await import(join(ROOT, 'tools/scripts/build-if-stale.mjs'));
  // WEB_ROOT='' serves no console, so only the API needs to be current.
  if (env['WEB_ROOT'] === '') ensureServerBuilt();
  else ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'argus-bench-'));
  const child = spawn(process.execPath, [serverMain], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ADMIN_PASSWORD: BENCH_ADMIN.password, LOG_LEVEL: 'warn', ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, 60_000);
  const token = await login(url);
  return {
    url,
    pid: child.pid as number,
    token,
    process: child,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Argus did not become healthy at ${url}`);
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  return ((await res.json()) as { token: string }).token;
}

export async function api<T>(server: RunningArgus, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * A socket.io client of the running server, signed in as its admin. `before` adds listeners before
 * the connection opens, so no event is missed.
 */
export function connectSocket(server: RunningArgus, before: (socket: Socket) => void = () => undefined): Promise<Socket> {
  const socket = io(server.url, { path: '/ws', transports: ['websocket'], auth: { token: server.token } });
  before(socket);
  return new Promise((resolve, reject) => socket.once('connect', () => resolve(socket)).once('connect_error', reject));
}
