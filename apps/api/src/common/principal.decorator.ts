import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@argus/domain';

/** The authenticated caller, as set by the JWT strategy. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});
