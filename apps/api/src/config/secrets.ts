import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgusConfig } from './argus-config';

export interface ArgusSecrets {
  jwtSecret: string;
  alertPostAuthToken: string;
  /** Names of the secrets created just now (to print the ones a user needs, once). */
  generated: Array<'jwtSecret' | 'alertPostAuthToken'>;
}

/**
 * Secrets from the environment win; otherwise they are generated once and kept in
 * `DATA_DIR/secrets.json` (mode 0600) so tokens and integrations survive restarts.
 */
export function loadSecrets(config: ArgusConfig): ArgusSecrets {
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'secrets.json');
  const stored: Partial<Record<'jwtSecret' | 'alertPostAuthToken', string>> = existsSync(file)
    ? JSON.parse(readFileSync(file, 'utf8'))
    : {};
  const generated: ArgusSecrets['generated'] = [];
  const pick = (name: 'jwtSecret' | 'alertPostAuthToken', fromEnv: string | null): string => {
    if (fromEnv) return fromEnv;
    if (typeof stored[name] === 'string' && stored[name]) return stored[name] as string;
    stored[name] = randomBytes(32).toString('base64url');
    generated.push(name);
    return stored[name] as string;
  };
  const secrets = {
    jwtSecret: pick('jwtSecret', config.jwtSecret),
    alertPostAuthToken: pick('alertPostAuthToken', config.alertPostAuthToken),
    generated,
  };
  if (generated.length > 0) {
    writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return secrets;
}

export const ARGUS_SECRETS = Symbol('ArgusSecrets');
