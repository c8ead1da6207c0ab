import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  MAX_CAMERA_LOCATION_LENGTH,
  MAX_CAMERA_NAME_LENGTH,
  MAX_CAMERA_VIEWERS,
  MAX_FPS,
  MAX_ID_LENGTH,
  MAX_URL_LENGTH,
  MAX_POST_SECONDS,
  MAX_PRE_SECONDS,
  MAX_WORKER_LABEL_LENGTH,
  MAX_ZONES_PER_CAMERA,
  MIN_FPS,
  OBJECT_LABELS,
  RECORDING_MODES,
  type ObjectLabel,
  type RecordingMode,
} from '@argus/domain';
import { PageQueryDto } from '../common/page-query.dto';
import { CameraRecordingView, CameraZoneView } from './camera.view';
import { toBooleanQuery } from '../common/query-transforms';

/** POST and PUT bodies; the domain checks the meaning (URL scheme, lengths, FPS range). */
export class CameraBodyDto {
  @ApiProperty({ example: 'Front door' })
  @IsString()
  @MaxLength(MAX_CAMERA_NAME_LENGTH)
  name!: string;

  @ApiProperty({ example: 'Porch' })
  @IsString()
  @MaxLength(MAX_CAMERA_LOCATION_LENGTH)
  location!: string;

  @ApiProperty({ example: 'rtsp://user:pass@192.0.2.10:554/stream1', description: 'rtsp:// or rtsps:// only' })
  @IsString()
  @MaxLength(MAX_URL_LENGTH)
  rtspUrl!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  detectionEnabled?: boolean;

  @ApiPropertyOptional({ minimum: MIN_FPS, maximum: MAX_FPS, description: 'Default: DEFAULT_FPS' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  fps?: number;

  @ApiPropertyOptional({ type: [CameraZoneView], description: 'Masks and zones; absent on PUT keeps the stored ones' })
  @IsOptional()
  @Allow()
  zones?: CameraZoneView[];

  @ApiPropertyOptional({ type: [String], enum: OBJECT_LABELS, description: 'Object labels to alert on; absent on PUT keeps the stored ones' })
  @IsOptional()
  @Allow()
  objects?: ObjectLabel[];

  @ApiPropertyOptional({ type: CameraRecordingView, description: 'What to record; absent on PUT keeps the stored settings' })
  @IsOptional()
  @Allow()
  recording?: CameraRecordingView;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'A smaller stream of the same camera for detection (rtsp:// or rtsps://); absent on PUT keeps it, null or "" removes it',
  })
  @IsOptional()
  @Allow()
  detectRtspUrl?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_WORKER_LABEL_LENGTH,
    description: 'Cluster mode: run only on workers whose WORKER_LABELS carry it; absent on PUT keeps it, null or "" removes it',
  })
  @IsOptional()
  @Allow()
  workerLabel?: string | null;
}

class CameraFilterQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBooleanQuery)
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}

export class CameraListQueryDto extends IntersectionType(PageQueryDto, CameraFilterQueryDto) {}

export class DetectionSwitchDto {
  @ApiProperty()
  @IsBoolean()
  enabled!: boolean;
}

export class FpsDto {
  @ApiProperty({ minimum: MIN_FPS, maximum: MAX_FPS })
  @IsInt()
  @Min(MIN_FPS)
  @Max(MAX_FPS)
  fps!: number;
}

export class ViewersDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(MAX_CAMERA_VIEWERS)
  @IsString({ each: true })
  @MaxLength(MAX_ID_LENGTH, { each: true })
  userIds!: string[];
}

/** The domain checks every zone (points, kinds, names) and names each problem. */
export class ZonesDto {
  @ApiProperty({ type: [CameraZoneView], maxItems: MAX_ZONES_PER_CAMERA, description: 'The camera’s masks and zones, replacing the stored ones ([] removes all)' })
  @Allow()
  zones!: CameraZoneView[];
}

/** The domain checks each label against the detector's list and names the unknown ones. */
export class ObjectLabelsDto {
  @ApiProperty({ type: [String], enum: OBJECT_LABELS, description: 'Object labels to alert on, replacing the stored ones ([] turns object alerts off)' })
  @Allow()
  labels!: ObjectLabel[];
}

/** The domain checks the mode and the ranges; seconds left out keep the stored ones. */
export class RecordingDto {
  @ApiProperty({ enum: RECORDING_MODES })
  @Allow()
  mode!: RecordingMode;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_PRE_SECONDS, description: 'Seconds of video kept before each alert' })
  @IsOptional()
  @Allow()
  preSeconds?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_POST_SECONDS, description: 'Seconds recorded after the event ends' })
  @IsOptional()
  @Allow()
  postSeconds?: number;
}
