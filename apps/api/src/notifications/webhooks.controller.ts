import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ManageWebhooks, type Principal } from '@argus/domain';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { CreateWebhookDto } from './notifications.dto';
import { WebhookDeliveryView, WebhookView } from './notifications.view';

const WebhookId = () => Param('id', new IdParamPipe('Webhook'));
const NO_WEBHOOK = 'No such webhook of the caller';

@ApiTags('notifications')
@ApiUserAuth()
@Controller('notifications/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: ManageWebhooks) {}

  @Post()
  @ApiOperation({ summary: 'Register a webhook: each alert the caller may see and the filters pass is POSTed to it as JSON' })
  @ApiCreatedResponse({ type: WebhookView, description: 'The new webhook (without its secret)' })
  @ApiErrors({ 400: 'url not http(s), too long or (WEBHOOK_ALLOW_PRIVATE=false) private; secret too long; unknown camera or person ids; unknown fields', 413: true })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWebhookDto): Promise<WebhookView> {
    return this.webhooks.create(principal, body);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s webhooks, oldest first' })
  @ApiOkResponse({ type: [WebhookView], description: 'The caller’s webhooks' })
  list(@CurrentPrincipal() principal: Principal): Promise<WebhookView[]> {
    return this.webhooks.list(principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the caller’s webhooks' })
  @ApiOkResponse({ type: WebhookView, description: 'The webhook (without its secret)' })
  @ApiErrors({ 404: NO_WEBHOOK })
  get(@CurrentPrincipal() principal: Principal, @WebhookId() id: string): Promise<WebhookView> {
    return this.webhooks.get(principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook with its queued deliveries and its log' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: NO_WEBHOOK })
  async remove(@CurrentPrincipal() principal: Principal, @WebhookId() id: string): Promise<void> {
    await this.webhooks.delete(principal, id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send one test delivery (signed, logged, not retried)' })
  @ApiAcceptedResponse({ description: 'Queued; its result shows in the delivery log' })
  @ApiErrors({ 404: NO_WEBHOOK })
  async test(@CurrentPrincipal() principal: Principal, @WebhookId() id: string): Promise<void> {
    await this.webhooks.test(principal, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The last 50 delivery attempts, newest first' })
  @ApiOkResponse({ type: [WebhookDeliveryView], description: 'Up to 50 attempts, newest first' })
  @ApiErrors({ 404: NO_WEBHOOK })
  deliveries(@CurrentPrincipal() principal: Principal, @WebhookId() id: string): Promise<WebhookDeliveryView[]> {
    return this.webhooks.deliveries(principal, id);
  }
}
