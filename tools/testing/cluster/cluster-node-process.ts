import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
/** The production entry point the cluster's processes run. */
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

/** One Argus process of a test cluster. */
export interface NodeProcess {
  name: string;
  role: string;
  port: number;
  url: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly alive: boolean;
  /** Its node id, once it answered GET /api/cluster. */
  id: string | null;
  cleanUp(): Promise<void>;
}

/** Starts `node dist/server/.../main.js` with its own DATA_DIR on a loopback port. */
export function spawnNode(name: string, role: string, port: number, env: Record<string, string>): NodeProcess {
  const dataDir = mkdtempSync(join(tmpdir(), `argus-cluster-${name}-`));
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_ROOT: '', LOG_LEVEL: 'info', ARGUS_ROLE: role, ...env },
  });
  let out = '';
  const keep = (chunk: Buffer) => (out = (out + chunk.toString()).slice(-200_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const node: NodeProcess = {
    name,
    role,
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    exited,
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    id: null,
    async cleanUp() {
      if (node.alive) {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return node;
}
