import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createArgusApp } from './app.factory';
import { loadConfig, loadSecrets } from '@argus/config';
import { gracefulShutdown, type Shutdown } from './lifecycle/graceful-shutdown';
import { installProcessGuards } from './lifecycle/process-guards';
import { waitForDatabaseAtStartup } from './health/waiting-health';

async function main(): Promise<void> {
  const logger = new Logger('Argus');
  let shutdown: Shutdown | null = null;
  installProcessGuards({ error: (m) => logger.error(m) }, () => (shutdown ? void shutdown('uncaught exception', 1) : process.exit(1)));
  const config = loadConfig();
  const secrets = loadSecrets(config);
  // MongoDB: says at once what it waits for, and gives up after DATABASE_WAIT_S (exit 1).
  const log = { info: (m: string) => logger.log(m), warn: (m: string) => logger.warn(m), error: (m: string) => logger.error(m) };
  await waitForDatabaseAtStartup({ config, log, exit: (code) => process.exit(code) });
  const app = await createArgusApp({ config, secrets });
  const stop = gracefulShutdown(app, {
    timeoutMs: config.shutdownTimeoutMs,
    log: { info: (m) => logger.log(m), error: (m) => logger.error(m) },
    exit: (code) => process.exit(code),
  });
  shutdown = stop;
  // Both signals end the same way: `docker stop` sends SIGTERM, Ctrl+C SIGINT (npm start forwards it too).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal));
  await app.listen(config.port, config.host);
  const shown = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  if (secrets.generated.includes('alertPostAuthToken')) {
    process.stdout.write(`\n  ALERT_POST_AUTH_TOKEN for POST /api/alerts: ${secrets.alertPostAuthToken}\n  (kept in ${config.dataDir}/secrets.json)\n`);
  }
  process.stdout.write(`\n  Argus is running at http://${shown}:${config.port}  (API docs: /api/docs)\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Argus failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
