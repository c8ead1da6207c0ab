import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@argus/tools/testing/free-port';

declare const E2E_ROOT: string;

export interface Demo {
  baseUrl: string;
  /** The simulator's camera with faces. */
  facesUrl: string;
  adminPassword: string;
  /** Everything the demo printed, for failure reports. */
  output(): string;
  stop(): Promise<void>;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run demo exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`the demo did not answer /api/health within ${timeoutMs / 1000} s:\n${output()}`);
}

/**
 * `npm run demo` on free ports with a throw-away DATA_DIR, so the suite never touches a developer's
 * data. Like a new user, it signs in with the admin password the first start prints. It builds
 * first when the sources are newer than dist.
 */
export async function startDemo(): Promise<Demo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'argus-e2e-data-'));
  const port = await freePort();
  const simPort = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, ['tools/scripts/demo.mjs'], {
    cwd: E2E_ROOT,
    detached: true, // its own process group, so stop() reaches the simulator and ffmpeg too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...withoutAdminPassword(process.env), PORT: String(port), HOST: '127.0.0.1', SIM_PORT: String(simPort), DATA_DIR: dataDir, IDENTITY_COOLDOWN_S: '0' },
  });
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Last resort if the test process ends without stop(): take the whole group down with it.
  const killGroup = () => {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killGroup);

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killGroup);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, 8 * 60_000, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  const adminPassword = /First admin created: username "admin", password (\S+)/.exec(log)?.[1];
  if (!adminPassword) {
    await stop();
    throw new Error(`the demo printed no first-admin password:\n${log}`);
  }
  // The simulator prints its URLs; it moves to another port if the one asked for was taken meanwhile.
  const printed = /rtsp:\/\/[^\s]+\/faces/.exec(log)?.[0];
  return { baseUrl, facesUrl: printed ?? `rtsp://127.0.0.1:${simPort}/faces`, adminPassword, output: () => log, stop };
}

/** The first start must generate (and print) the admin password, as it does for a new user. */
function withoutAdminPassword(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy['ADMIN_PASSWORD'];
  return copy;
}
