import { ScryptPasswordHasher } from './scrypt-password-hasher';
import { secretsEqual } from './secret-compare';

describe('ScryptPasswordHasher', () => {
  // A low cost keeps the test quick; the format and checks are the same at the default cost.
  const hasher = new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 });

  it('stores scrypt$N$r$p$salt$key, never the password, with a new salt each time', async () => {
    const a = await hasher.hash('correct horse battery staple');
    const b = await hasher.hash('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/);
    expect(a).not.toContain('correct horse');
    expect(a).not.toBe(b);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('s3cret-Passw0rd');
    expect(await hasher.verify('s3cret-Passw0rd', stored)).toBe(true);
    expect(await hasher.verify('s3cret-Passw0rd ', stored)).toBe(false);
    expect(await hasher.verify('', stored)).toBe(false);
  });

  it('verifies hashes made at another cost (the cost travels with the hash)', async () => {
    const stored = await new ScryptPasswordHasher({ N: 2048, r: 4, p: 2 }).hash('pw-at-another-cost');
    expect(await hasher.verify('pw-at-another-cost', stored)).toBe(true);
  });

  it('refuses tampered or damaged stored values without throwing', async () => {
    const stored = await hasher.hash('pw');
    const parts = stored.split('$');
    const key = Buffer.from(parts[5], 'base64');
    key[0] ^= 1;
    const damaged = [
      [...parts.slice(0, 5), key.toString('base64')].join('$'), // one bit of the key flipped
      ['bcrypt', ...parts.slice(1)].join('$'),
      parts.slice(0, 5).join('$'),
      [...parts.slice(0, 5), ''].join('$'),
      ['scrypt', '1000', ...parts.slice(2)].join('$'), // N not a power of two
      ['scrypt', String(1 << 24), ...parts.slice(2)].join('$'), // cost out of range
      ['scrypt', '1024', '8', '1000', ...parts.slice(4)].join('$'),
      ['scrypt', '-1', ...parts.slice(2)].join('$'),
      'pw',
      '',
    ];
    for (const value of damaged) expect([value, await hasher.verify('pw', value)]).toEqual([value, false]);
  });
});

describe('secretsEqual', () => {
  it('is true only for the same secret', () => {
    expect(secretsEqual('tok-123', 'tok-123')).toBe(true);
    expect(secretsEqual('tok-124', 'tok-123')).toBe(false);
    expect(secretsEqual('tok-12', 'tok-123')).toBe(false); // a prefix
    expect(secretsEqual('tok-1234', 'tok-123')).toBe(false); // longer
    expect(secretsEqual('', 'tok-123')).toBe(false);
    expect(secretsEqual('TOK-123', 'tok-123')).toBe(false);
  });
});
