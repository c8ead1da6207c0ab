import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertQueries, RecordAlert, toAlertView, type Alert, type Principal } from '@argus/domain';
import { SnapshotLinks } from '@argus/adapters';
import { AlertTokenGuard } from '../auth/alert-token.guard';
import { AlertRateGuard } from './alert-rate.guard';
import { Public } from '../auth/public.decorator';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { AlertPageView, AlertView } from './alert.view';
import { AlertListQueryDto, CreateAlertDto } from './alerts.dto';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly queries: AlertQueries,
    private readonly recorder: RecordAlert,
    private readonly links: SnapshotLinks,
  ) {}

  /** Snapshot links in answers are signed for the caller. */
  private view(alert: Alert, principal: Principal | null): AlertView {
    return toAlertView(alert, principal ? (key) => this.links.urlFor(key, principal.userId) : undefined);
  }

  @Get()
  @ApiUserAuth()
  @ApiOperation({ summary: 'Alerts of the cameras the caller may see, newest first; personId= and unknown=true filter by identity' })
  @ApiOkResponse({ type: AlertPageView, description: 'One page of alerts; a camera the caller may not see has none' })
  @ApiErrors({
    400: 'Invalid cameraId, personId, unknown, page, limit, from or to (ISO 8601 or epoch ms), from after to, personId with unknown=true, or an unknown query parameter',
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: AlertListQueryDto): Promise<AlertPageView> {
    const page = await this.queries.list(principal, query);
    return { ...page, items: page.items.map((a) => this.view(a, principal)) };
  }

  @Get(':id')
  @ApiUserAuth()
  @ApiOperation({ summary: 'One alert' })
  @ApiOkResponse({ type: AlertView, description: 'The alert' })
  @ApiErrors({ 404: 'No such alert, or one of a camera the caller may not see' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', new IdParamPipe('Alert')) id: string): Promise<AlertView> {
    return this.view(await this.queries.get(principal, id), principal);
  }

  @Public()
  @UseGuards(AlertRateGuard, AlertTokenGuard)
  @Post()
  @ApiBearerAuth('alert-token')
  @ApiOperation({
    summary: 'Record an alert from an outside worker (Authorization: Bearer <ALERT_POST_AUTH_TOKEN>; 429 beyond ALERT_POST_RATE)',
    description: 'The bearer token here is the pre-shared ALERT_POST_AUTH_TOKEN, not a user token (a user token is refused with 401).',
  })
  @ApiCreatedResponse({ type: AlertView, description: 'The stored alert' })
  @ApiErrors({
    400: 'Invalid cameraId, timestamp, bbox, snapshotUrl or meta, or unknown fields',
    401: 'No `Authorization: Bearer <ALERT_POST_AUTH_TOKEN>`, or a wrong token',
    404: 'No such camera',
    413: true,
    429: 'More alerts from this address than ALERT_POST_RATE / ALERT_POST_BURST allow; retry after Retry-After seconds',
  })
  async create(@Body() body: CreateAlertDto): Promise<AlertView> {
    return this.view(await this.recorder.fromExternal(body), null);
  }
}
