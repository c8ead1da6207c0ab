import { Provider } from '@angular/core';
import { RealtimeSocket, SOCKET_FACTORY } from '../app/realtime/realtime-socket';

/** A socket.io client stand-in: tests play the server by firing events at it. */
export class FakeSocket implements RealtimeSocket {
  active = true;
  connectCalls = 0;
  disconnected = false;
  private readonly handlers = new Map<string, Array<(...args: never[]) => void>>();

  constructor(readonly token: string) {}

  on(event: string, listener: (...args: never[]) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
    return this;
  }

  connect(): this {
    this.connectCalls++;
    return this;
  }

  disconnect(): this {
    this.disconnected = true;
    return this;
  }

  fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) (handler as (...a: unknown[]) => void)(...args);
  }
}

/** Provides SOCKET_FACTORY; `sockets` lists every socket the console opened, oldest first. */
export function fakeSockets(): { sockets: FakeSocket[]; provider: Provider } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    provider: {
      provide: SOCKET_FACTORY,
      useValue: (token: string) => {
        const socket = new FakeSocket(token);
        sockets.push(socket);
        return socket;
      },
    },
  };
}
