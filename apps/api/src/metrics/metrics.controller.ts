import { Controller, Get, Headers, Inject, NotFoundException, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/public.decorator';
import { ARGUS_CONFIG, type ArgusConfig } from '@argus/config';
import { ArgusMetrics } from './argus-metrics';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Prometheus scrape endpoint at `/metrics` (outside the `/api` prefix, where scrapers look).
 * Off unless METRICS_TOKEN is set: it then answers only `Authorization: Bearer <METRICS_TOKEN>`,
 * because camera ids and load figures are not for everyone who can reach the port.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly expected: Buffer | null;

  constructor(
    @Inject(ARGUS_CONFIG) config: ArgusConfig,
    private readonly metrics: ArgusMetrics,
  ) {
    this.expected = config.metricsToken ? digest(config.metricsToken) : null;
  }

  @Public()
  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    if (!this.expected) throw new NotFoundException('Cannot GET /metrics');
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
    // Compared as digests: equal length, constant time, whatever the caller sent.
    if (!timingSafeEqual(digest(token), this.expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException('Bearer METRICS_TOKEN required');
    }
    const { contentType, body } = await this.metrics.render();
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-store');
    return body;
  }
}
