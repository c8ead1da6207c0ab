import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Readiness } from '../health/readiness';
import { gracefulShutdown } from './graceful-shutdown';
import { installProcessGuards } from './process-guards';

/** Just enough of a Nest application for the shutdown sequence. */
function fakeApp(server: Server, close: () => Promise<void>) {
  const readiness = { markDraining: jest.fn() };
  const app = {
    getHttpServer: () => server,
    get: (token: unknown) => {
      if (token === Readiness) return readiness;
      throw new Error('unknown provider');
    },
    close,
  } as unknown as INestApplication;
  return { app, readiness };
}

const listening = async (): Promise<Server> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
};

describe('gracefulShutdown', () => {
  it('drains readiness, stops listening before closing the app, exits 0 once, joins a second call', async () => {
    const server = await listening();
    const order: string[] = [];
    const { app, readiness } = fakeApp(server, async () => {
      order.push(server.listening ? 'close while listening' : 'close after the socket closed');
    });
    const exit = jest.fn();
    const shutdown = gracefulShutdown(app, { timeoutMs: 5000, log: { info: () => undefined, error: () => undefined }, exit });
    await Promise.all([shutdown('SIGTERM'), shutdown('SIGINT')]);
    expect(readiness.markDraining).toHaveBeenCalledTimes(1);
    expect(order).toEqual(['close after the socket closed']);
    expect(exit).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits 1 when the app does not close within the time limit', async () => {
    const server = await listening();
    const { app } = fakeApp(server, () => new Promise<void>(() => undefined));
    const errors: string[] = [];
    const exited = new Promise<number>((resolve) => {
      void gracefulShutdown(app, { timeoutMs: 100, log: { info: () => undefined, error: (m) => errors.push(m) }, exit: resolve })('SIGTERM');
    });
    expect(await exited).toBe(1);
    expect(errors.join('\n')).toMatch(/did not finish within 100 ms/);
  });

  it('exits 1 and logs when closing fails, and passes a fatal exit code through', async () => {
    const failing = fakeApp(await listening(), () => Promise.reject(new Error('boom')));
    const errors: string[] = [];
    const exit = jest.fn();
    await gracefulShutdown(failing.app, { timeoutMs: 5000, log: { info: () => undefined, error: (m) => errors.push(m) }, exit })('SIGTERM');
    expect(exit).toHaveBeenCalledWith(1);
    expect(errors.join('\n')).toMatch(/shutdown failed: Error: boom/);
    const fine = fakeApp(await listening(), async () => undefined);
    const exit2 = jest.fn();
    await gracefulShutdown(fine.app, { timeoutMs: 5000, log: { info: () => undefined, error: () => undefined }, exit: exit2 })('uncaught exception', 1);
    expect(exit2).toHaveBeenCalledWith(1);
  });
});

describe('installProcessGuards', () => {
  it('logs an unhandled rejection and keeps running; an uncaught exception is logged and triggers the fatal path', () => {
    const target = new EventEmitter();
    const log = { error: jest.fn() };
    const onFatal = jest.fn();
    const remove = installProcessGuards(log, onFatal, target);
    target.emit('unhandledRejection', new Error('stray rejection'));
    expect(log.error).toHaveBeenCalledWith(expect.stringMatching(/unhandled promise rejection \(kept running\): Error: stray rejection/));
    expect(onFatal).not.toHaveBeenCalled();
    const bug = new TypeError('bug');
    target.emit('uncaughtException', bug);
    expect(log.error).toHaveBeenLastCalledWith(expect.stringMatching(/uncaught exception, shutting down: TypeError: bug/));
    expect(onFatal).toHaveBeenCalledWith(bug);
    remove();
    expect(target.listenerCount('unhandledRejection') + target.listenerCount('uncaughtException')).toBe(0);
  });
});
