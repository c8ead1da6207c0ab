import { FakeClock } from '../testing/fakes';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle } from './login-throttle';

const WINDOW = 15 * 60_000;

function setup() {
  const clock = new FakeClock();
  return { clock, throttle: new LoginThrottle(clock) };
}

function fail(throttle: LoginThrottle, times: number, username: string, address: string): void {
  for (let i = 0; i < times; i++) throttle.recordFailure(username, address);
}

describe('LoginThrottle', () => {
  it('uses 5 per username, 20 per address, 15 minutes by default', () => {
    expect(DEFAULT_LOGIN_THROTTLE).toEqual({ maxFailuresPerUsername: 5, maxFailuresPerAddress: 20, windowMs: WINDOW });
  });

  it('allows the first attempts', () => {
    const { throttle } = setup();
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBe(0);
    fail(throttle, 4, 'alice', '10.0.0.1');
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBe(0);
  });

  it('refuses a username after 5 failures, from any address, with the time left', () => {
    const { clock, throttle } = setup();
    throttle.recordFailure('alice', '10.0.0.1');
    clock.advance(60_000);
    fail(throttle, 4, 'alice', '10.0.0.2');
    expect(throttle.retryAfterMs('alice', '10.0.0.3')).toBe(WINDOW - 60_000);
    expect(throttle.retryAfterMs('ALICE', '10.0.0.9')).toBe(WINDOW - 60_000);
    expect(throttle.retryAfterMs('bob', '10.0.0.3')).toBe(0);
  });

  it('lets the window slide: the oldest failure expiring frees one attempt', () => {
    const { clock, throttle } = setup();
    throttle.recordFailure('alice', 'a');
    clock.advance(10_000);
    fail(throttle, 4, 'alice', 'a');
    clock.advance(WINDOW - 10_000 - 1);
    expect(throttle.retryAfterMs('alice', 'a')).toBe(1);
    clock.advance(1);
    expect(throttle.retryAfterMs('alice', 'a')).toBe(0);
    throttle.recordFailure('alice', 'a');
    expect(throttle.retryAfterMs('alice', 'a')).toBe(10_000);
    clock.advance(WINDOW);
    expect(throttle.retryAfterMs('alice', 'a')).toBe(0);
  });

  it('clears the username on success but not the address', () => {
    const clock = new FakeClock();
    const throttle = new LoginThrottle(clock, { maxFailuresPerUsername: 5, maxFailuresPerAddress: 6, windowMs: WINDOW });
    fail(throttle, 5, 'alice', '10.0.0.1');
    expect(throttle.retryAfterMs('alice', '10.0.0.2')).toBeGreaterThan(0);
    throttle.recordSuccess('Alice');
    expect(throttle.retryAfterMs('alice', '10.0.0.2')).toBe(0);
    throttle.recordFailure('mallory', '10.0.0.1');
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBe(WINDOW);
  });

  it('limits one address guessing across many usernames', () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 20; i++) {
      expect(throttle.retryAfterMs(`user${i}`, '203.0.113.7')).toBe(0);
      throttle.recordFailure(`user${i}`, '203.0.113.7');
      clock.advance(1_000);
    }
    expect(throttle.retryAfterMs('somebody-new', '203.0.113.7')).toBe(WINDOW - 20_000);
    expect(throttle.retryAfterMs('somebody-new', '198.51.100.1')).toBe(0);
    expect(throttle.retryAfterMs('user3', '198.51.100.1')).toBe(0);
  });

  it('reports the longer of the two waits', () => {
    const { clock, throttle } = setup();
    const t = new LoginThrottle(clock, { maxFailuresPerUsername: 2, maxFailuresPerAddress: 3, windowMs: 100 });
    t.recordFailure('a', 'ip');
    clock.advance(10);
    t.recordFailure('b', 'ip');
    t.recordFailure('b', 'ip');
    // Username "b" waits from its first failure at 10 (100 left), the address from 0 (90 left).
    expect(t.retryAfterMs('b', 'ip')).toBe(100);
    expect(t.retryAfterMs('a', 'ip')).toBe(90);
    expect(throttle.retryAfterMs('b', 'ip')).toBe(0);
  });
});

describe('LoginThrottle memory', () => {
  it('stays bounded under a flood of distinct usernames and still blocks a hot one', () => {
    const clock = new FakeClock();
    const throttle = new LoginThrottle(clock, { maxFailuresPerUsername: 3, maxFailuresPerAddress: 1e9, windowMs: 60_000 });
    for (let i = 0; i < 60_000; i++) throttle.recordFailure(`user-${i}`, '10.0.0.1');
    const maps = throttle as unknown as { byUsername: Map<string, unknown> };
    expect(maps.byUsername.size).toBeLessThanOrEqual(50_000);
    for (let i = 0; i < 3; i++) throttle.recordFailure('target', '10.0.0.2');
    expect(throttle.retryAfterMs('target', '10.0.0.3')).toBeGreaterThan(0);
  });
});
