import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { toBooleanQuery } from '../common/query-transforms';

/** POST and PUT bodies; the domain checks the meaning (URL scheme, lengths, FPS range). */
export class CameraBodyDto {
  @ApiProperty({ example: 'Front door' })
  @IsString()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 'Porch' })
  @IsString()
  @MaxLength(200)
  location!: string;

  @ApiProperty({ example: 'rtsp://user:pass@192.0.2.10:554/stream1', description: 'rtsp:// or rtsps:// only' })
  @IsString()
  @MaxLength(2048)
  rtspUrl!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  detectionEnabled?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 30, description: 'Default: DEFAULT_FPS' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  fps?: number;
}

export class CameraListQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'Values above 100 are clamped' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBooleanQuery)
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}

export class DetectionSwitchDto {
  @ApiProperty()
  @IsBoolean()
  enabled!: boolean;
}

export class FpsDto {
  @ApiProperty({ minimum: 1, maximum: 30 })
  @IsInt()
  @Min(1)
  @Max(30)
  fps!: number;
}

export class ViewersDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  userIds!: string[];
}
