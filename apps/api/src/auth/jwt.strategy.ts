import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { toPrincipal, type Principal, type UserRepository } from '@argus/domain';
import { ARGUS_SECRETS, type ArgusSecrets } from '@argus/config';
import { USER_REPOSITORY } from '../persistence/tokens';
import { hasSubjectAndExpiry } from './token.service';

export interface TokenPayload {
  sub: string;
  username: string;
  role: string;
  /** Expiry, seconds since the epoch: set by the signer from JWT_EXPIRES_IN, required on every token. */
  exp?: number;
}

/**
 * Bearer JWT, HS256 only (so `alg: none` and other algorithms are refused), expiry required and enforced.
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
    if (!hasSubjectAndExpiry(payload)) return false;
    const user = await this.users.findById(payload.sub);
    return user ? toPrincipal(user) : false;
  }
}
