import { fakeJwt } from '../../testing/fake-jwt';
import { jwtExpiry } from './jwt-expiry';

describe('jwtExpiry', () => {
  it('reads exp in milliseconds', () => {
    expect(jwtExpiry(fakeJwt(1_900_000_000_000))).toBe(1_900_000_000_000);
  });

  it('returns null for malformed tokens or a missing exp', () => {
    expect(jwtExpiry('not-a-jwt')).toBeNull();
    expect(jwtExpiry('a.%%%.c')).toBeNull();
    expect(jwtExpiry(`x.${btoa('{"sub":"u1"}')}.y`)).toBeNull();
  });
});
