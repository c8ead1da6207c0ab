import 'reflect-metadata';
import { createArgusApp } from './app.factory';
import { loadConfig } from './config/argus-config';
import { loadSecrets } from './config/secrets';

async function main(): Promise<void> {
  const config = loadConfig();
  const secrets = loadSecrets(config);
  const app = await createArgusApp({ config, secrets });
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
