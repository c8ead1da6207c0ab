import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { secretsEqual } from '@argus/adapters';
import type { Request } from 'express';
import { ARGUS_SECRETS, type ArgusSecrets } from '@argus/config';

/** `POST /api/alerts` from outside workers: `Authorization: Bearer <ALERT_POST_AUTH_TOKEN>`, compared in constant time. */
@Injectable()
export class AlertTokenGuard implements CanActivate {
  constructor(@Inject(ARGUS_SECRETS) private readonly secrets: ArgusSecrets) {}

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match || !secretsEqual(match[1], this.secrets.alertPostAuthToken)) {
      throw new UnauthorizedException('Authorization: Bearer <ALERT_POST_AUTH_TOKEN> required');
    }
    return true;
  }
}
