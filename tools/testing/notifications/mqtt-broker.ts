import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../free-port';

/** Where the Debian package puts the broker; MOSQUITTO_PATH or PATH otherwise. */
export function mosquittoPath(): string | null {
  for (const candidate of [process.env['MOSQUITTO_PATH'], '/usr/sbin/mosquitto', '/usr/bin/mosquitto']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v mosquitto'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

/** Why the MQTT suites are skipped on this machine, or null when they can run. */
export const MOSQUITTO_MISSING = mosquittoPath() ? null : 'mosquitto is not installed (apt-get install mosquitto; .ci/run installs it)';

export interface MqttBroker {
  url: string;
  port: number;
  /** Stops the broker as a crash would (SIGKILL): clients see the connection drop. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A real mosquitto on a free loopback port with a generated configuration (anonymous, no persistence). */
export async function startMqttBroker(): Promise<MqttBroker> {
  const binary = mosquittoPath();
  if (!binary) throw new Error(MOSQUITTO_MISSING as string);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'argus-mosquitto-'));
  const config = join(dir, 'mosquitto.conf');
  writeFileSync(config, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', 'log_type error', ''].join('\n'));
  let child: ChildProcess | null = null;
  const launch = async () => {
    child = spawn(binary, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += String(d)));
    await waitForPort(port, 5000).catch((e) => {
      child?.kill('SIGKILL');
      throw new Error(`mosquitto did not start: ${String(e)} ${stderr}`);
    });
  };
  const halt = async (signal: NodeJS.Signals) => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  };
  await launch();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    kill: () => halt('SIGKILL'),
    restart: launch,
    async stop() {
      await halt('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
