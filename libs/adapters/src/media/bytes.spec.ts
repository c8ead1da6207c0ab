import { concatBytes, sameBytes } from './bytes';

describe('bytes', () => {
  it('joins parts, empty ones included, into a new array', () => {
    const a = Uint8Array.of(1, 2);
    const joined = concatBytes([a, new Uint8Array(0), Uint8Array.of(3)]);
    expect([...joined]).toEqual([1, 2, 3]);
    expect(joined.buffer).not.toBe(a.buffer);
    expect(concatBytes([])).toHaveLength(0);
  });

  it('compares length and content', () => {
    expect(sameBytes(Uint8Array.of(1, 2), Buffer.from([1, 2]))).toBe(true);
    expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1))).toBe(false);
    expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
  });
});
