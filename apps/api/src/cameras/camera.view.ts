import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  CAMERA_STATUSES,
  MAX_FPS,
  MAX_ZONE_NAME_LENGTH,
  MAX_ZONE_POINTS,
  MIN_FPS,
  MIN_ZONE_POINTS,
  MAX_POST_SECONDS,
  MAX_PRE_SECONDS,
  OBJECT_LABELS,
  RECORDING_MODES,
  ZONE_KINDS,
  type CameraRecording,
  type ObjectLabel,
  type RecordingMode,
  type CameraStatus,
  type CameraView as CameraViewShape,
  type CameraZone,
  type Page,
  type ZoneKind,
  type ZonePoint,
} from '@argus/domain';
import { ApiPageLimit, ApiPageNumber, ApiPageTotal } from '../common/page.view';

/** A mask or zone over the camera's picture, in fractions of the frame. */
@ApiSchema({
  name: 'CameraZone',
  description:
    'A polygon over the picture. `mask`: detections centred inside are dropped and motion there never wakes detection; `zone`: when a camera has zones, only detections centred inside one alert',
})
export class CameraZoneView implements CameraZone {
  @ApiProperty({ minLength: 1, maxLength: MAX_ZONE_NAME_LENGTH, description: 'Unique per camera (case-insensitive)' }) name!: string;
  @ApiProperty({ enum: ZONE_KINDS }) kind!: ZoneKind;
  @ApiProperty({
    type: 'array',
    minItems: MIN_ZONE_POINTS,
    maxItems: MAX_ZONE_POINTS,
    items: { type: 'array', items: { type: 'number', minimum: 0, maximum: 1 }, minItems: 2, maxItems: 2 },
    description: '[x, y] corners, each from 0 to 1 of the frame width and height (0, 0 is the top left)',
    example: [
      [0.1, 0.2],
      [0.6, 0.2],
      [0.6, 0.9],
    ],
  })
  points!: ZonePoint[];
}

@ApiSchema({
  name: 'CameraRecording',
  description: '`events`: a clip around each alert; `continuous`: segments all the time, and the clips; `off`: nothing',
})
export class CameraRecordingView implements CameraRecording {
  @ApiProperty({ enum: RECORDING_MODES, default: 'events' }) mode!: RecordingMode;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_PRE_SECONDS, default: 5, description: 'Seconds before the alert' })
  preSeconds!: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_POST_SECONDS, default: 10, description: 'Seconds after the event ends' })
  postSeconds!: number;
}

/** A camera as every answer carries it (`toCameraView`). */
@ApiSchema({ name: 'Camera' })
export class CameraView implements CameraViewShape {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() location!: string;
  @ApiProperty({ description: 'Any password masked: rtsp://user:***@host/path', example: 'rtsp://user:***@192.0.2.10:554/stream1' })
  rtspUrl!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() detectionEnabled!: boolean;
  @ApiProperty({ type: 'integer', minimum: MIN_FPS, maximum: MAX_FPS, description: 'Processing FPS' }) fps!: number;
  @ApiProperty({ enum: CAMERA_STATUSES }) status!: CameraStatus;
  @ApiProperty({ required: false, description: 'Why the camera is in `error` (only then)' }) error?: string;
  @ApiProperty({ required: false, description: 'Why the camera does not record as its `recording` says (a full disk, a failed write); only then' })
  recordingError?: string;
  @ApiProperty({ description: 'The user who added it (or the admin it passed to)' }) ownerId!: string;
  @ApiProperty({ type: [String], required: false, description: 'Users who may view it; only for the owner and admins' })
  viewerIds?: string[];
  @ApiProperty({ type: [CameraZoneView], description: 'Masks and zones, in order (empty: detection everywhere)' })
  zones!: CameraZoneView[];
  @ApiProperty({ type: [String], enum: OBJECT_LABELS, description: 'Object labels the camera alerts on (empty: none)' })
  objects!: ObjectLabel[];
  @ApiProperty({ type: CameraRecordingView }) recording!: CameraRecordingView;
  @ApiProperty({ required: false, description: 'The detection stream, password masked; only when set' })
  detectRtspUrl?: string;
  @ApiProperty({ required: false, description: 'Cluster placement label; only when set' })
  workerLabel?: string;
  @ApiProperty({ required: false, description: 'Cluster mode: the worker running the camera' })
  node?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

@ApiSchema({ name: 'CameraPage', description: 'One page of cameras, oldest first' })
export class CameraPageView implements Page<CameraViewShape> {
  @ApiProperty({ type: [CameraView] }) items!: CameraView[];
  @ApiPageTotal('Cameras') total!: number;
  @ApiPageNumber() page!: number;
  @ApiPageLimit() limit!: number;
}
