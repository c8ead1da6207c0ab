import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The user name Argus publishes to MediaMTX with; the auth hook accepts `publish` only from it. */
export const MEDIAMTX_PUBLISHER = 'argus-publisher';

/**
 * The password of Argus's MediaMTX publisher, generated once into `DATA_DIR/mediamtx-publisher.secret`
 * (mode 0600). MediaMTX never stores it: it forwards it to Argus's auth hook, which compares.
 */
export function loadPublisherSecret(dataDir: string): string {
  const file = join(dataDir, 'mediamtx-publisher.secret');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
