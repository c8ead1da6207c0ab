import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../testing/free-port';

const ROOT = join(__dirname, '..', '..');
const START_TIMEOUT_MS = 60_000;

/**
 * The OpenAPI document `/api/docs-json` serves, from the built server (rebuilt first when its
 * sources changed) on a free port with a throw-away DATA_DIR. Only what the document depends on is
 * set: no MediaMTX (the embedded live view, as by default), no console, one detection thread.
 */
export async function fetchServedDocument(): Promise<object> {
  const { ensureServerBuilt, serverMain } = await import(join(ROOT, 'tools/scripts/build-if-stale.mjs'));
  ensureServerBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'argus-openapi-'));
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    WEB_ROOT: '',
    LOG_LEVEL: 'warn',
    DETECTION_THREADS: '1',
  };
  const child = spawn(process.execPath, [serverMain], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    return await pollDocument(`http://127.0.0.1:${port}/api/docs-json`, exited);
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function pollDocument(url: string, exited: Promise<number | null>): Promise<object> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the Argus server exited (code ${exitCode}) before serving ${url}`);
    try {
      const res = await fetch(url);
      if (res.ok) return (await res.json()) as object;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the Argus server did not serve ${url} within ${START_TIMEOUT_MS / 1000} s`);
}
