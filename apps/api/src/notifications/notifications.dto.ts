import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { ALERT_KINDS, MAX_FILTER_IDS, MAX_ID_LENGTH, MAX_URL_LENGTH, MAX_WEBHOOK_SECRET_LENGTH, type AlertKind } from '@argus/domain';

/** Which alerts a webhook or a browser receives; every list empty or absent means "any". */
export class NotificationFiltersDto {
  @ApiPropertyOptional({ type: [String], description: 'Only alerts of these cameras (ones the caller may see)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_IDS)
  @IsString({ each: true })
  @MaxLength(MAX_ID_LENGTH, { each: true })
  cameraIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Only alerts naming one of these people' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_IDS)
  @IsString({ each: true })
  @MaxLength(MAX_ID_LENGTH, { each: true })
  personIds?: string[];

  @ApiPropertyOptional({ default: false, description: 'Only faces that match nobody (with personIds: those people or strangers)' })
  @IsOptional()
  @IsBoolean()
  unknownOnly?: boolean;

  @ApiPropertyOptional({ type: [String], enum: ALERT_KINDS, description: 'Only these kinds of alert' })
  @IsOptional()
  @IsArray()
  @IsIn(ALERT_KINDS, { each: true })
  kinds?: AlertKind[];
}

export class CreateWebhookDto extends NotificationFiltersDto {
  @ApiProperty({ example: 'https://home.example.com/api/webhook/argus', description: `http or https, at most ${MAX_URL_LENGTH} characters` })
  @IsString()
  @MaxLength(MAX_URL_LENGTH)
  url!: string;

  @ApiPropertyOptional({ description: `Signs each delivery (X-Argus-Signature); at most ${MAX_WEBHOOK_SECRET_LENGTH} characters, stored encrypted, never returned` })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_WEBHOOK_SECRET_LENGTH)
  secret?: string;
}

export class PushSubscriptionKeysDto {
  @ApiProperty({ description: 'The browser’s P-256 public key, base64url' }) p256dh!: string;
  @ApiProperty({ description: 'The browser’s 16-byte auth secret, base64url' }) auth!: string;
}

/** A browser's `PushSubscription.toJSON()` plus the filters. */
export class CreatePushSubscriptionDto extends NotificationFiltersDto {
  @ApiProperty({ description: 'The push service URL the browser was given' })
  @IsString()
  @MaxLength(MAX_URL_LENGTH)
  endpoint!: string;

  @ApiPropertyOptional({ type: 'number', nullable: true, description: 'As the browser gives it; not used' })
  @IsOptional()
  @IsNumber()
  expirationTime?: number | null;

  @ApiProperty({ type: PushSubscriptionKeysDto })
  @IsObject()
  keys!: PushSubscriptionKeysDto;
}
