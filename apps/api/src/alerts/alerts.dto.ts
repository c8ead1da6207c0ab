import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  buildMessage,
  type ValidationOptions,
} from 'class-validator';

export class BoundingBoxDto {
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) x!: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) y!: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) width!: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) height!: number;
}

export class CreateAlertDto {
  @ApiProperty()
  @IsString()
  @MaxLength(100)
  cameraId!: string;

  @ApiPropertyOptional({ description: 'ISO 8601 or epoch ms; default: now' })
  @IsOptional()
  @IsTimestampLike()
  timestamp?: string | number;

  @ApiProperty({ type: BoundingBoxDto })
  @IsObject()
  @ValidateNested()
  @Type(() => BoundingBoxDto)
  bbox!: BoundingBoxDto;

  @ApiPropertyOptional({ description: 'http(s) URL of a snapshot the worker keeps' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  snapshotUrl?: string;

  @ApiPropertyOptional({ description: 'Free-form JSON object (no $-prefixed or dotted keys)' })
  @IsOptional()
  @IsObject()
  meta?: Record<string, unknown>;
}

export class AlertListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cameraId?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 or epoch ms, inclusive' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 or epoch ms, inclusive' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  limit?: number;
}

/** A string or a finite number; the domain parses the date itself. */
function IsTimestampLike(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimestampLike',
      validator: {
        validate: (value) => (typeof value === 'string' && value.length <= 40) || (typeof value === 'number' && Number.isFinite(value)),
        defaultMessage: buildMessage((each) => `${each}timestamp must be an ISO 8601 string or epoch milliseconds`, options),
      },
    },
    options,
  );
}
