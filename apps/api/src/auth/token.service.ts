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

  /** The user id inside a valid, unexpired HS256 token; null otherwise. */
  verify(token: string): string | null {
    try {
      const payload = this.jwt.verify<TokenPayload>(token, { algorithms: ['HS256'] });
      return typeof payload.sub === 'string' ? payload.sub : null;
    } catch {
      return null;
    }
  }
}
