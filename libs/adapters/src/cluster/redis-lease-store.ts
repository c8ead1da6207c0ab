import type { LeaseStore } from '@argus/domain';
import type { Redis } from 'ioredis';

const PREFIX = 'argus:lease:';
/** When the store's leases began (set by the first node that asks, in Redis's own time). */
const SINCE_KEY = 'argus:leases-since';

/** Extends each lease the owner holds (or that nobody holds any more); 0 for one someone else holds. */
const RENEW = `
local answers = {}
for i, key in ipairs(KEYS) do
  local holder = redis.call('GET', key)
  if (not holder) or holder == ARGV[1] then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    answers[i] = 1
  else
    answers[i] = 0
  end
end
return answers`;

/** Deletes the leases the owner holds, and only those. */
const RELEASE = `
local released = 0
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then
    redis.call('DEL', key)
    released = released + 1
  end
end
return released`;

/** Milliseconds since the store's leases began; a store that lost its data starts again at 0. */
const AGE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local since = redis.call('GET', KEYS[1])
if not since then
  redis.call('SET', KEYS[1], now)
  return 0
end
return now - tonumber(since)`;

interface LeaseCommands {
  argusRenew(numKeys: number, ...args: Array<string | number>): Promise<number[]>;
  argusRelease(numKeys: number, ...args: Array<string | number>): Promise<number>;
  argusLeaseAge(sinceKey: string): Promise<number>;
}

/**
 * Leases in Redis: a key per lease holding its owner, with a time to live. Taking one is
 * `SET NX PX`; renewing and releasing are Lua scripts that check the owner first, so a node never
 * extends or deletes a lease someone else holds. A renewal covers all of a node's leases in one
 * call.
 */
export class RedisLeaseStore implements LeaseStore {
  private readonly commands: LeaseCommands;

  constructor(private readonly redis: Redis) {
    redis.defineCommand('argusRenew', { lua: RENEW });
    redis.defineCommand('argusRelease', { lua: RELEASE });
    redis.defineCommand('argusLeaseAge', { lua: AGE, numberOfKeys: 1 });
    this.commands = redis as unknown as LeaseCommands;
  }

  async acquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(PREFIX + name, owner, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async renew(names: readonly string[], owner: string, ttlMs: number): Promise<boolean[]> {
    if (names.length === 0) return [];
    const answers = await this.commands.argusRenew(names.length, ...names.map((n) => PREFIX + n), owner, ttlMs);
    return answers.map((a) => a === 1);
  }

  async release(names: readonly string[], owner: string): Promise<void> {
    if (names.length === 0) return;
    await this.commands.argusRelease(names.length, ...names.map((n) => PREFIX + n), owner);
  }

  async holders(names: readonly string[]): Promise<Array<string | null>> {
    if (names.length === 0) return [];
    return this.redis.mget(names.map((n) => PREFIX + n));
  }

  async age(): Promise<number> {
    return Number(await this.commands.argusLeaseAge(SINCE_KEY));
  }
}
