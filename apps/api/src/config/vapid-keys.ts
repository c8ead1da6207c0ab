import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateVapidKeys, type VapidKeys } from '@argus/adapters/notifications';

/**
 * The installation's VAPID key pair for Web Push: made once and kept in `DATA_DIR/vapid.json`
 * (mode 0600, next to secrets.json), since browsers' subscriptions are bound to its public key.
 */
export function loadVapidKeys(dataDir: string): VapidKeys {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'vapid.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<VapidKeys>;
    if (typeof stored.publicKey === 'string' && typeof stored.privateKey === 'string') return { publicKey: stored.publicKey, privateKey: stored.privateKey };
    throw new Error(`${file} does not hold a VAPID key pair: delete it to make a new one (browsers then subscribe again)`);
  }
  const keys = generateVapidKeys();
  writeFileSync(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}
