import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { VapidKeys } from '@argus/adapters/notifications';
import { ManagePushSubscriptions, type Principal } from '@argus/domain';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { CreatePushSubscriptionDto } from './notifications.dto';
import { VAPID_KEYS } from './notifications.tokens';
import { PushKeyView, PushSubscriptionView } from './notifications.view';

@ApiTags('notifications')
@ApiUserAuth()
@Controller('notifications/push')
export class PushController {
  constructor(
    private readonly subscriptions: ManagePushSubscriptions,
    @Inject(VAPID_KEYS) private readonly vapid: VapidKeys,
  ) {}

  @Get('key')
  @ApiOperation({ summary: 'The VAPID public key to subscribe a browser with' })
  @ApiOkResponse({ type: PushKeyView, description: 'The installation’s VAPID public key' })
  key(): PushKeyView {
    return { publicKey: this.vapid.publicKey };
  }

  @Post('subscriptions')
  @ApiOperation({ summary: 'Notify this browser (its PushSubscription) of the alerts the caller may see and the filters pass' })
  @ApiCreatedResponse({ type: PushSubscriptionView, description: 'Subscribed (the same endpoint again replaces its filters)' })
  @ApiErrors({ 400: 'Not a PushSubscription (endpoint, keys.p256dh, keys.auth); unknown camera or person ids; unknown fields', 413: true })
  subscribe(@CurrentPrincipal() principal: Principal, @Body() body: CreatePushSubscriptionDto): Promise<PushSubscriptionView> {
    return this.subscriptions.subscribe(principal, body);
  }

  @Get('subscriptions')
  @ApiOperation({ summary: 'The caller’s subscribed browsers' })
  @ApiOkResponse({ type: [PushSubscriptionView], description: 'The caller’s subscribed browsers' })
  list(@CurrentPrincipal() principal: Principal): Promise<PushSubscriptionView[]> {
    return this.subscriptions.list(principal);
  }

  @Delete('subscriptions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop notifying one of the caller’s browsers' })
  @ApiNoContentResponse({ description: 'Unsubscribed' })
  @ApiErrors({ 404: 'No such subscription of the caller' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', new IdParamPipe('Subscription')) id: string): Promise<void> {
    await this.subscriptions.delete(principal, id);
  }
}
