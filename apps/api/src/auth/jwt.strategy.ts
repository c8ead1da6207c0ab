import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { toPrincipal, type Principal, type UserRepository } from '@argus/domain';
import { ARGUS_SECRETS, type ArgusSecrets } from '../config/secrets';
import { USER_REPOSITORY } from '../persistence/tokens';

export interface TokenPayload {
  sub: string;
  username: string;
  role: string;
}

/**
 * Bearer JWT, HS256 only (so `alg: none` and other algorithms are refused), expiry enforced.
 * The user is loaded on every request: a deleted user or a changed role takes effect at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(ARGUS_SECRETS) secrets: ArgusSecrets,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: secrets.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: TokenPayload): Promise<Principal | false> {
    if (typeof payload?.sub !== 'string') return false;
    const user = await this.users.findById(payload.sub);
    return user ? toPrincipal(user) : false;
  }
}
