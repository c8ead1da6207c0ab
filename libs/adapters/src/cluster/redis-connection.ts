import { Redis, type RedisOptions } from 'ioredis';

export interface RedisLog {
  warn(message: string): void;
  info(message: string): void;
}

export interface RedisConnectionOptions {
  /** Names the connection in Redis's CLIENT LIST and in the log. */
  name: string;
  log: RedisLog;
  /**
   * Commands sent while disconnected wait for the connection (true) or fail at once (false, the
   * default: lease and registry calls must answer promptly, an outage is handled by the caller).
   */
  queueWhileAway?: boolean;
}

/** The options Argus connects to Redis with: reconnects forever, every 0.2 s growing to 2 s. */
export function redisOptions(options: RedisConnectionOptions): RedisOptions {
  return {
    connectionName: `argus-${options.name}`,
    lazyConnect: false,
    enableOfflineQueue: options.queueWhileAway ?? false,
    maxRetriesPerRequest: options.queueWhileAway ? null : 1,
    connectTimeout: 2000,
    commandTimeout: 3000,
    retryStrategy: (times) => Math.min(200 * times, 2000),
  };
}

/**
 * A connection to Redis (REDIS_URL) that logs its outages once each (down, then back) instead of
 * every reconnection attempt.
 */
export function connectRedis(url: string, options: RedisConnectionOptions): Redis {
  const redis = new Redis(url, redisOptions(options));
  watchConnection(redis, options);
  return redis;
}

/** A connection for subscriptions (no command timeout: it waits for messages). */
export function connectRedisSubscriber(url: string, options: RedisConnectionOptions): Redis {
  const redis = new Redis(url, { ...redisOptions(options), commandTimeout: undefined, enableOfflineQueue: true, maxRetriesPerRequest: null });
  watchConnection(redis, options);
  return redis;
}

/**
 * The publishing connection of the socket.io Redis adapter: while Redis is away a broadcast is
 * dropped (camera states and detections are repeated anyway; alerts go through the relay, which
 * retries) instead of piling up or rejecting where nobody listens.
 */
export class DroppingPublisher extends Redis {
  override publish(channel: string | Buffer, message: string | Buffer): Promise<number> {
    return super.publish(channel, message).catch(() => 0);
  }
}

export function connectAdapterPublisher(url: string, options: RedisConnectionOptions): Redis {
  const redis = new DroppingPublisher(url, redisOptions(options) as RedisOptions & { replyMapping?: 'legacy' });
  watchConnection(redis, options);
  return redis;
}

function watchConnection(redis: Redis, { name, log }: RedisConnectionOptions): void {
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log.warn(`redis (${name}): ${error.message}; reconnecting`);
  });
  redis.on('ready', () => {
    if (down) log.info(`redis (${name}): connected again`);
    down = false;
  });
}

/** Resolves true once the connection is ready, or false after `timeoutMs` (it keeps trying). */
export function redisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.once('ready', onReady);
  });
}
