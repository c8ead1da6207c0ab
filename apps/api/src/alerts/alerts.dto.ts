import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsNumber, IsObject, IsOptional, IsString, MaxLength, ValidateBy, ValidateNested, buildMessage, type ValidationOptions } from 'class-validator';
import { MAX_ID_LENGTH, MAX_TIMESTAMP_LENGTH, MAX_URL_LENGTH, type BoundingBox } from '@argus/domain';
import { PageQueryDto } from '../common/page-query.dto';
import { toBooleanQuery } from '../common/query-transforms';

export class BoundingBoxDto implements BoundingBox {
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) x!: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) y!: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) width!: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) height!: number;
}

export class CreateAlertDto {
  @ApiProperty()
  @IsString()
  @MaxLength(MAX_ID_LENGTH)
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
  @MaxLength(MAX_URL_LENGTH)
  snapshotUrl?: string;

  @ApiPropertyOptional({ description: 'Free-form JSON object (no $-prefixed or dotted keys)' })
  @IsOptional()
  @IsObject()
  meta?: Record<string, unknown>;
}

class AlertFilterQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ID_LENGTH)
  cameraId?: string;

  @ApiPropertyOptional({ description: 'Only alerts naming this person' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ID_LENGTH)
  personId?: string;

  @ApiPropertyOptional({ description: 'true: only unknown faces (`person: null`); false: only alerts naming a person' })
  @IsOptional()
  @Transform(toBooleanQuery)
  @IsBoolean({ message: 'unknown must be true or false' })
  unknown?: boolean;

  @ApiPropertyOptional({ description: 'ISO 8601 or epoch ms, inclusive' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TIMESTAMP_LENGTH)
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 or epoch ms, inclusive' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TIMESTAMP_LENGTH)
  to?: string;
}

export class AlertListQueryDto extends IntersectionType(AlertFilterQueryDto, PageQueryDto) {}

/** A string or a finite number; the domain parses the date itself. */
function IsTimestampLike(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimestampLike',
      validator: {
        validate: (value) => (typeof value === 'string' && value.length <= MAX_TIMESTAMP_LENGTH) || (typeof value === 'number' && Number.isFinite(value)),
        defaultMessage: buildMessage((each) => `${each}timestamp must be an ISO 8601 string or epoch milliseconds`, options),
      },
    },
    options,
  );
}
