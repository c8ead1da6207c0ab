import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from '../free-port';

/** redis-server on PATH (Debian: `apt-get install redis-server`), or null when it is missing. */
export function redisServerPath(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  return path || null;
}

/** Why the Redis suites are skipped on this machine, or null when they can run. */
export function redisMissingReason(): string | null {
  return redisServerPath() ? null : 'redis-server is not installed (Debian: apt-get install redis-server)';
}

export interface RedisTestServer {
  url: string;
  port: number;
  /** Stops the server (SIGKILL): its data is gone, as after a crash without persistence. */
  kill(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>;
  readonly running: boolean;
  close(): Promise<void>;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * A real redis-server (the Debian package) on a free loopback port, without persistence, started
 * by the tests themselves; `kill()` and `start()` take it away and bring it back empty.
 */
export async function startRedisTestServer(): Promise<RedisTestServer> {
  const binary = redisServerPath();
  if (!binary) throw new Error(redisMissingReason() ?? 'redis-server missing');
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    if (child) return;
    const next = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no', '--loglevel', 'warning'], {
      stdio: 'ignore',
    });
    child = next;
    exited = new Promise((resolve) => next.once('exit', () => resolve()));
    const deadline = Date.now() + 10_000;
    while (!(await answers(port))) {
      if (Date.now() > deadline || next.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const kill = async () => {
    const running = child;
    child = null;
    if (!running) return;
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    get running() {
      return child !== null;
    },
    close: kill,
  };
}
