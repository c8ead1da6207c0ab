import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@argus/tools/testing/free-port';

export { freePort };

const ROOT = join(__dirname, '..', '..', '..', '..');
export const SERVER_MAIN = join(ROOT, 'dist/server/apps/api/src/main.js');

/** Builds dist/server when its sources changed (tools/scripts/build-if-stale.mjs), in a child so Jest needs no ESM. */
export function ensureServerBuilt(): void {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', "(await import('./tools/scripts/build-if-stale.mjs')).ensureServerBuilt()"], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (run.status !== 0) throw new Error(`API build failed:\n${run.stdout}\n${run.stderr}`);
}

/** pids of a process's ffmpeg children. */
export function ffmpegChildren(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => /ffmpeg/.test(line))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
  } catch {
    return []; // ps exits 1 when there is no child
  }
}

/** A pid that no longer runs (gone, or a zombie nobody reaped yet). */
export function isGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

export interface BuiltServer {
  url: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  cleanUp(): Promise<void>;
}

/** The production entry point (`node dist/server/.../main.js`) with a throw-away DATA_DIR. */
export async function spawnBuiltServer(env: Record<string, string>): Promise<BuiltServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'argus-built-'));
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_ROOT: '', LOG_LEVEL: 'info', ...env },
  });
  let out = '';
  const keep = (chunk: Buffer) => (out = (out + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    exited,
    async cleanUp() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
