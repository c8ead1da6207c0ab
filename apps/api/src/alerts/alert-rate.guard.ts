import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { RateLimiter, type Clock } from '@argus/domain';
import type { Request } from 'express';
import { ARGUS_CONFIG, type ArgusConfig } from '@argus/config';
import { CLOCK } from '../domain.module';

/** 429 with a Retry-After header (set by the exception filter from `retryAfterSeconds`). */
export class TooManyAlertsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many alerts from this address; slow down', HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * `POST /api/alerts` per client address (ALERT_POST_RATE per second, ALERT_POST_BURST at once),
 * checked before the token so a flood of wrong tokens is cut off as well.
 */
@Injectable()
export class AlertRateGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(@Inject(ARGUS_CONFIG) config: ArgusConfig, @Inject(CLOCK) clock: Clock) {
    this.limiter = new RateLimiter(clock, config.alertPostRate);
  }

  canActivate(context: ExecutionContext): boolean {
    const waitMs = this.limiter.take(context.switchToHttp().getRequest<Request>().ip ?? 'unknown');
    if (waitMs > 0) throw new TooManyAlertsException(Math.ceil(waitMs / 1000));
    return true;
  }
}
