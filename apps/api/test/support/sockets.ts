import { io, type Socket } from 'socket.io-client';

/** A socket.io client for the app at `url` (path /ws), no reconnection: each test sees one connection. */
export function connectSocket(url: string, options: { token?: string; query?: Record<string, string> } = {}): Socket {
  return io(url, {
    path: '/ws',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: options.token ? { token: options.token } : {},
    query: options.query,
  });
}

/** Resolves with true once connected, false when the server refused the handshake. */
export function handshake(socket: Socket): Promise<boolean> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  });
}

/** Records every payload of the given events from now on. */
export function recordEvents(socket: Socket, events: readonly string[]): Record<string, unknown[]> {
  const seen: Record<string, unknown[]> = Object.fromEntries(events.map((e) => [e, []]));
  for (const event of events) socket.on(event, (payload: unknown) => seen[event].push(payload));
  return seen;
}

/** Polls `check` every 25 ms until it holds or `ms` pass; answers whether it held. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The next `event` whose payload `match`es; rejects after `timeoutMs`. */
export function nextEvent<T>(socket: Socket, event: string, match: (payload: T) => boolean, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, on);
      reject(new Error(`no matching "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, on);
      resolve(payload);
    };
    socket.on(event, on);
  });
}
