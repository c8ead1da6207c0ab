import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ALERT_KINDS, type AlertKind, type PushSubscriptionView as PushSubscriptionShape, type WebhookAttemptView, type WebhookView as WebhookShape } from '@argus/domain';

@ApiSchema({ name: 'Webhook', description: 'One of the caller’s webhooks; the secret is never returned' })
export class WebhookView implements WebhookShape {
  @ApiProperty() id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ description: 'Whether deliveries carry X-Argus-Signature' }) hasSecret!: boolean;
  @ApiProperty({ type: [String] }) cameraIds!: string[];
  @ApiProperty({ type: [String] }) personIds!: string[];
  @ApiProperty() unknownOnly!: boolean;
  @ApiProperty({ type: [String], enum: ALERT_KINDS }) kinds!: AlertKind[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

@ApiSchema({ name: 'WebhookDelivery', description: 'One delivery attempt' })
export class WebhookDeliveryView implements WebhookAttemptView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'The alert delivered; null for a test delivery' }) alertId!: string | null;
  @ApiProperty() test!: boolean;
  @ApiProperty({ type: 'integer', minimum: 1, description: '1 for the first try' }) attempt!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'The receiver answered 2xx' }) ok!: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The receiver’s HTTP status; null when it never answered' }) status!: number | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'timed out after 5 s' }) error!: string | null;
  @ApiProperty({ type: 'integer' }) durationMs!: number;
  @ApiProperty({ description: 'Another try will follow' }) willRetry!: boolean;
}

@ApiSchema({ name: 'PushSubscription', description: 'One of the caller’s browsers' })
export class PushSubscriptionView implements PushSubscriptionShape {
  @ApiProperty() id!: string;
  @ApiProperty() endpoint!: string;
  @ApiProperty({ type: [String] }) cameraIds!: string[];
  @ApiProperty({ type: [String] }) personIds!: string[];
  @ApiProperty() unknownOnly!: boolean;
  @ApiProperty({ type: [String], enum: ALERT_KINDS }) kinds!: AlertKind[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

@ApiSchema({ name: 'PushKey', description: 'The VAPID public key browsers subscribe with (applicationServerKey)' })
export class PushKeyView {
  @ApiProperty({ description: 'base64url of the P-256 public key' }) publicKey!: string;
}
