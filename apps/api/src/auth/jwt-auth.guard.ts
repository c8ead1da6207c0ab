import { Injectable, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { isDatabaseUnavailable } from '@argus/adapters';
import { IS_PUBLIC } from './public.decorator';

/** Applied globally: every route needs a valid user token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T): T {
    // The token may be fine while the user cannot be looked up: that is an outage (503), not a 401.
    if (isDatabaseUnavailable(err)) throw err;
    if (err || !user) throw new UnauthorizedException('A valid bearer token is required');
    return user;
  }
}
