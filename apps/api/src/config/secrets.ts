import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CredentialCipher } from '@argus/adapters';
import type { ArgusConfig } from './argus-config';

type SecretName = 'jwtSecret' | 'alertPostAuthToken' | 'credentialKey';

export interface ArgusSecrets {
  jwtSecret: string;
  alertPostAuthToken: string;
  /** AES-256-GCM key (base64, 32 bytes) sealing camera passwords in the database. */
  credentialKey: string;
  /** Names of the secrets created just now (to print the ones a user needs, once). */
  generated: SecretName[];
}

/**
 * Secrets from the environment win; otherwise they are generated once and kept in
 * `DATA_DIR/secrets.json` (mode 0600) so tokens and integrations survive restarts.
 */
export function loadSecrets(config: ArgusConfig): ArgusSecrets {
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'secrets.json');
  const stored: Partial<Record<SecretName, string>> = existsSync(file)
    ? JSON.parse(readFileSync(file, 'utf8'))
    : {};
  const generated: ArgusSecrets['generated'] = [];
  const pick = (name: SecretName, fromEnv: string | null): string => {
    if (fromEnv) return fromEnv;
    if (typeof stored[name] === 'string' && stored[name]) return stored[name] as string;
    stored[name] = randomBytes(32).toString('base64url');
    generated.push(name);
    return stored[name] as string;
  };
  const secrets = {
    jwtSecret: pick('jwtSecret', config.jwtSecret),
    alertPostAuthToken: pick('alertPostAuthToken', config.alertPostAuthToken),
    credentialKey: pick('credentialKey', config.secretKey),
    generated,
  };
  // A malformed key stops the start here, before anything is sealed with it.
  CredentialCipher.fromBase64(secrets.credentialKey);
  if (generated.length > 0) {
    writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return secrets;
}

export const ARGUS_SECRETS = Symbol('ArgusSecrets');
