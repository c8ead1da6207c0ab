import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '@argus/domain';

const KEY_LENGTH = 64;
const DEFAULTS = { N: 16384, r: 8, p: 1 };

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * scrypt from node:crypto, stored as `scrypt$N$r$p$salt$key` (base64) so the cost can be raised
 * later without invalidating existing hashes.
 */
export class ScryptPasswordHasher implements PasswordHasher {
  constructor(private readonly cost = DEFAULTS) {}

  async hash(plain: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scrypt(plain, salt, KEY_LENGTH, this.cost);
    const { N, r, p } = this.cost;
    return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(plain: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [N, r, p] = parts.slice(1, 4).map(Number);
    // A damaged or hostile stored value (cost out of range, N not a power of two) is a failed
    // check, never a thrown error or a memory blow-up.
    if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 1 << 20 || (N & (N - 1)) !== 0 || r > 32 || p > 16) return false;
    const salt = Buffer.from(parts[4], 'base64');
    const expected = Buffer.from(parts[5], 'base64');
    if (expected.length === 0 || expected.length > 1024) return false;
    try {
      const actual = await scrypt(plain, salt, expected.length, { N, r, p });
      return timingSafeEqual(actual, expected);
    } catch {
      return false;
    }
  }
}
