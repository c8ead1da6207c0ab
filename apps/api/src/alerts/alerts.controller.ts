import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertQueries, RecordAlert, toAlertView, type Alert, type Principal } from '@argus/domain';
import { SnapshotLinks } from '@argus/adapters';
import { AlertTokenGuard } from '../auth/alert-token.guard';
import { AlertRateGuard } from './alert-rate.guard';
import { Public } from '../auth/public.decorator';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { AlertDto, AlertListQueryDto, AlertPageDto, CreateAlertDto } from './alerts.dto';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly queries: AlertQueries,
    private readonly recorder: RecordAlert,
    private readonly links: SnapshotLinks,
  ) {}

  /** Snapshot links in answers are signed for the caller. */
  private view(alert: Alert, principal: Principal | null): AlertDto {
    return toAlertView(alert, principal ? (key) => this.links.urlFor(key, principal.userId) : undefined);
  }

  @Get()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Alerts of the cameras the caller may see, newest first' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: AlertListQueryDto): Promise<AlertPageDto> {
    const page = await this.queries.list(principal, query);
    return { ...page, items: page.items.map((a) => this.view(a, principal)) };
  }

  @Get(':id')
  @ApiBearerAuth()
  async get(@CurrentPrincipal() principal: Principal, @Param('id', new IdParamPipe('Alert')) id: string): Promise<AlertDto> {
    return this.view(await this.queries.get(principal, id), principal);
  }

  @Public()
  @UseGuards(AlertRateGuard, AlertTokenGuard)
  @Post()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Record an alert from an outside worker (Authorization: Bearer <ALERT_POST_AUTH_TOKEN>; 429 beyond ALERT_POST_RATE)' })
  async create(@Body() body: CreateAlertDto): Promise<AlertDto> {
    return this.view(await this.recorder.fromExternal(body), null);
  }
}
