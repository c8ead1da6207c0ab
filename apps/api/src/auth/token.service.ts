import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { User } from '@argus/domain';
import type { TokenPayload } from './jwt.strategy';

/** Issues and checks user tokens (HTTP uses passport; socket.io handshakes use `verify`). */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(user: User): string {
    const payload: TokenPayload = { sub: user.id, username: user.username, role: user.role };
    return this.jwt.sign(payload);
  }

  /** Expiry of a token this service issued, ISO 8601. */
  expiryOf(token: string): string {
    const payload = this.jwt.decode<{ exp?: number }>(token);
    return new Date((payload?.exp ?? 0) * 1000).toISOString();
  }

  /** The user id inside a valid, unexpired HS256 token that has an expiry; null otherwise. */
  verify(token: string): string | null {
    return this.verifySession(token)?.userId ?? null;
  }

  /** The user id and the expiry (epoch ms) of a valid, unexpired HS256 token; null otherwise. */
  verifySession(token: string): { userId: string; expiresAt: number } | null {
    try {
      const payload = this.jwt.verify<TokenPayload>(token, { algorithms: ['HS256'] });
      return hasSubjectAndExpiry(payload) ? { userId: payload.sub, expiresAt: payload.exp * 1000 } : null;
    } catch {
      return null;
    }
  }
}

/**
 * Argus's tokens always carry `exp`; one without it (signed with a leaked secret, or by something
 * else) would never expire, so it is refused.
 */
export function hasSubjectAndExpiry(payload: Partial<TokenPayload> | null | undefined): payload is TokenPayload & { exp: number } {
  return typeof payload?.sub === 'string' && typeof payload.exp === 'number' && Number.isFinite(payload.exp);
}
