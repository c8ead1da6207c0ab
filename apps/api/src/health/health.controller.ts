import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { HealthView } from './health.view';
import { Readiness, type HealthReport } from './readiness';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  /** Liveness: 200 while the process answers; the body carries the readiness view. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness (always 200) with a readiness view: database, detection pool, cameras (no auth)' })
  @ApiOkResponse({ type: HealthView, description: 'The process answers; `ready` tells whether it can serve' })
  health(): Promise<HealthReport> {
    return this.readiness.report();
  }

  /** Readiness for orchestrators and load balancers: 503 while the database is down or during shutdown. */
  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 when the database is reachable, 503 otherwise or while shutting down (no auth)' })
  @ApiOkResponse({ type: HealthView, description: 'Ready: the database is reachable' })
  @ApiServiceUnavailableResponse({ type: HealthView, description: 'Not ready: the database is down, or Argus is shutting down' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.readiness.report();
    if (!report.ready) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
