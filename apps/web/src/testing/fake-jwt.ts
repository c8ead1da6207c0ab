/** An unsigned JWT with the given `exp` (epoch ms), enough for code that only reads claims. */
export function fakeJwt(expiresAt: number, claims: Record<string, unknown> = {}): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return [encode({ alg: 'HS256', typ: 'JWT' }), encode({ sub: 'u1', ...claims, exp: Math.floor(expiresAt / 1000) }), 'signature'].join('.');
}

/** A Storage backed by a Map, so each test starts without a session. */
export function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, String(value)),
  };
}
