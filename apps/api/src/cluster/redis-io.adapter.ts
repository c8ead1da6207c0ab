import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { connectAdapterPublisher, connectRedisSubscriber, type RedisLog } from '@argus/adapters/cluster';
import type { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';

/** The socket.io server of Nest's adapter (its own copy of socket.io). */
type IoServer = ReturnType<IoAdapter['createIOServer']>;

/**
 * socket.io with the Redis adapter (`@socket.io/redis-adapter`): an event a node sends to a room
 * reaches the sockets in that room on every node, and server-side events (the alert relay) reach
 * every node. Browsers connect to any api node.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly connections: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string,
    private readonly log: RedisLog,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): IoServer {
    const server = super.createIOServer(port, options);
    const pub = connectAdapterPublisher(this.redisUrl, { name: 'socket.io-pub', log: this.log });
    const sub = connectRedisSubscriber(this.redisUrl, { name: 'socket.io-sub', log: this.log });
    this.connections.push(pub, sub);
    server.adapter(createAdapter(pub, sub, { key: 'argus-io', requestsTimeout: 3000 }) as unknown as Parameters<IoServer['adapter']>[0]);
    return server;
  }

  override async close(server: IoServer): Promise<void> {
    await super.close(server);
    for (const redis of this.connections.splice(0)) redis.disconnect();
  }
}
