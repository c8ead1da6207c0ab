import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { MAX_ID_LENGTH, toPrincipal, type UserRepository } from '@argus/domain';
import { ADMINS_ROOM, SocketIoRealtimePublisher, userRoom, type SocketSession } from '@argus/adapters';
import { TokenService } from '../auth/token.service';
import { USER_REPOSITORY } from '../persistence/tokens';

const MAX_SUBSCRIBE = 200;

/** Token from `auth: { token }`, else `?token=`. */
function handshakeToken(socket: Socket): string | null {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth;
  const fromQuery = socket.handshake.query['token'];
  return typeof fromQuery === 'string' && fromQuery ? fromQuery : null;
}

function parseCameraIds(body: unknown): string[] | null {
  const ids = (body as { cameraIds?: unknown } | null)?.cameraIds;
  if (!Array.isArray(ids) || ids.length > MAX_SUBSCRIBE || !ids.every((id) => typeof id === 'string' && id.length <= MAX_ID_LENGTH)) {
    return null;
  }
  return ids as string[];
}

/** Longest delay setTimeout takes (about 24.8 days); longer ones would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Ends the connection when its token expires: a socket does not outlive the token it was opened with. */
function disconnectAt(socket: Socket, expiresAt: number): void {
  let timer: NodeJS.Timeout;
  const arm = () => {
    const left = expiresAt - Date.now();
    if (left <= 0) {
      socket.disconnect(true);
      return;
    }
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  socket.once('disconnect', () => clearTimeout(timer));
}

/**
 * socket.io at `/ws`. A connection without a valid user token is refused during the handshake
 * (the client sees `connect_error`); an accepted socket joins its user's room (and the admins'),
 * which is where the domain's audiences are delivered, and is closed by the server when its token
 * expires.
 */
@WebSocketGateway({ path: '/ws', serveClient: false, cors: { origin: false } })
export class EventsGateway implements OnGatewayInit {
  private readonly logger = new Logger('Realtime');

  constructor(
    private readonly tokens: TokenService,
    private readonly publisher: SocketIoRealtimePublisher,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
  ) {}

  afterInit(server: Server): void {
    this.publisher.attach(server);
    server.use((socket, next) => {
      this.authenticate(socket)
        .then(() => next())
        .catch(() => next(new Error('unauthorized')));
    });
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    const ids = parseCameraIds(body);
    if (!ids) return { ok: false, error: `cameraIds must be an array of at most ${MAX_SUBSCRIBE} id strings` };
    return { ok: true, cameraIds: await this.publisher.subscribe(socket, ids) };
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    const ids = parseCameraIds(body);
    if (!ids) return { ok: false, error: `cameraIds must be an array of at most ${MAX_SUBSCRIBE} id strings` };
    await this.publisher.unsubscribe(socket, ids);
    return { ok: true, cameraIds: ids };
  }

  private async authenticate(socket: Socket): Promise<void> {
    const token = handshakeToken(socket);
    const verified = token ? this.tokens.verifySession(token) : null;
    const user = verified ? await this.users.findById(verified.userId) : null;
    if (!verified || !user) throw new Error('unauthorized');
    const session: SocketSession = { principal: toPrincipal(user) };
    socket.data = session;
    disconnectAt(socket, verified.expiresAt);
    await socket.join(userRoom(user.id));
    if (user.role === 'admin') await socket.join(ADMINS_ROOM);
    this.logger.debug(`socket ${socket.id} connected for user ${user.id}`);
  }
}
