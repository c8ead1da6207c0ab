import { Inject, Injectable } from '@nestjs/common';
import { secretsEqual } from '@argus/adapters';
import { canViewCamera, toPrincipal, type CameraRepository, type UserRepository } from '@argus/domain';
import { TokenService } from '../auth/token.service';
import { CAMERA_REPOSITORY, USER_REPOSITORY } from '../persistence/tokens';
import { MEDIAMTX_PUBLISHER } from './publisher-secret';

export const MEDIAMTX_PUBLISHER_SECRET = Symbol('MediamtxPublisherSecret');

/** What MediaMTX's `authHTTPAddress` hook posts (fields Argus does not use are ignored). */
export interface MediamtxAuthRequest {
  user: string;
  password: string;
  token: string;
  action: string;
  path: string;
  query: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function readAuthRequest(body: unknown): MediamtxAuthRequest {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    user: text(b['user']),
    password: text(b['password']),
    token: text(b['token']),
    action: text(b['action']),
    path: text(b['path']).replace(/^\/+/, ''),
    query: text(b['query']),
  };
}

/**
 * MediaMTX asks Argus before every publish and read. `read` (WHEP and other players) follows camera
 * visibility for the user whose JWT comes with it; `publish` is Argus's own publisher only; every
 * other action (playback, api, metrics, pprof) is refused.
 */
@Injectable()
export class MediamtxAccess {
  constructor(
    private readonly tokens: TokenService,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(CAMERA_REPOSITORY) private readonly cameras: CameraRepository,
    @Inject(MEDIAMTX_PUBLISHER_SECRET) private readonly publisherSecret: string,
  ) {}

  async allows(request: MediamtxAuthRequest): Promise<boolean> {
    if (!/^[\w-]{1,100}$/.test(request.path)) return false;
    if (request.action === 'publish') {
      const publisher = request.user === MEDIAMTX_PUBLISHER && secretsEqual(request.password, this.publisherSecret);
      return publisher && (await this.cameras.findById(request.path)) !== null;
    }
    if (request.action !== 'read') return false;
    const userId = this.tokens.verify(viewerToken(request));
    const user = userId ? await this.users.findById(userId) : null;
    const camera = user ? await this.cameras.findById(request.path) : null;
    return user !== null && camera !== null && canViewCamera(toPrincipal(user), camera);
  }
}

/** The JWT as MediaMTX passes it on: Bearer token, else the password, else `?jwt=` / `?token=`. */
function viewerToken({ token, password, query }: MediamtxAuthRequest): string {
  if (token) return token;
  if (password) return password;
  const params = new URLSearchParams(query);
  return params.get('jwt') ?? params.get('token') ?? '';
}
