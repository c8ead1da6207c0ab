import { InjectionToken } from '@angular/core';
import { io } from 'socket.io-client';

/** The part of a socket.io client socket the console uses; tests supply a fake. */
export interface RealtimeSocket {
  /** True while socket.io itself will keep reconnecting (false after a refused handshake). */
  readonly active: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

export type SocketFactory = (token: string) => RealtimeSocket;

/** Opens the authenticated socket.io connection at `/ws` on the console's own origin. */
export const SOCKET_FACTORY = new InjectionToken<SocketFactory>('SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => (token) => io({ path: '/ws', auth: { token }, transports: ['websocket', 'polling'] }),
});
