import { Injectable, effect, inject, signal, untracked } from '@angular/core';
import { Subject, catchError, of } from 'rxjs';
import { Alert } from '../alerts/alert';
import { AuthService } from '../auth/auth.service';
import { TokenStore } from '../auth/token-store';
import { CameraStateEvent, ConnectionState } from './realtime-events';
import { SOCKET_FACTORY } from './realtime-socket';

/** Wait before trying again after socket.io gave up on its own (refused handshake). */
export const RETRY_AFTER_REFUSAL_MS = 5000;

/**
 * The console's one socket.io connection, open while a user is signed in. It turns socket events
 * into streams, keeps the connection state for the "Reconnecting…" banner, and says when a dropped
 * connection is back so missed alerts can be fetched over REST.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeClient {
  private readonly factory = inject(SOCKET_FACTORY);
  private readonly tokens = inject(TokenStore);
  private readonly auth = inject(AuthService);

  private readonly connection = signal<ConnectionState>('offline');
  private readonly alertEvents = new Subject<Alert>();
  private readonly alertUpdateEvents = new Subject<Alert>();
  private readonly stateEvents = new Subject<CameraStateEvent>();
  private readonly returns = new Subject<void>();

  readonly state = this.connection.asReadonly();
  readonly alerts = this.alertEvents.asObservable();
  /** `alert_updated`: an alert seen before, whose identity (or clip) changed; the whole new Alert. */
  readonly alertUpdates = this.alertUpdateEvents.asObservable();
  readonly cameraStates = this.stateEvents.asObservable();
  /** Emits when the connection is back after a drop (not on the first connect). */
  readonly reconnected = this.returns.asObservable();

  constructor() {
    // One socket per token: signing out (or a new sign-in) closes the old one.
    effect((onCleanup) => {
      const token = this.tokens.token()?.value;
      if (!token) {
        this.connection.set('offline');
        return;
      }
      const close = untracked(() => this.open(token));
      onCleanup(close);
    });
  }

  private open(token: string): () => void {
    const socket = this.factory(token);
    let connectedBefore = false;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    this.connection.set('connecting');

    socket.on('connect', () => {
      this.connection.set('online');
      if (connectedBefore) this.returns.next();
      connectedBefore = true;
    });
    socket.on('disconnect', (reason: string) => {
      if (reason === 'io client disconnect') return;
      this.connection.set('reconnecting');
      // The server closed this socket on purpose (e.g. the user's role changed): socket.io
      // does not come back by itself then, so ask again with the same token.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', () => {
      this.connection.set('reconnecting');
      if (socket.active) return;
      // A refused handshake: if the token is no longer accepted, the REST call's 401 signs the
      // user out (and this socket is closed); otherwise try again a little later.
      this.auth
        .me()
        .pipe(catchError(() => of(null)))
        .subscribe(() => {
          if (closed) return;
          clearTimeout(retry);
          retry = setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL_MS);
        });
    });
    socket.on('alert', (alert: Alert) => this.alertEvents.next(alert));
    socket.on('alert_updated', (alert: Alert) => this.alertUpdateEvents.next(alert));
    socket.on('camera_state', (event: CameraStateEvent) => this.stateEvents.next(event));

    return () => {
      closed = true;
      clearTimeout(retry);
      socket.disconnect();
    };
  }
}
