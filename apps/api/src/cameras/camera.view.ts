import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CAMERA_STATUSES, MAX_FPS, MIN_FPS, type CameraStatus, type CameraView as CameraViewShape, type Page } from '@argus/domain';
import { ApiPageLimit, ApiPageNumber, ApiPageTotal } from '../common/page.view';

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
  @ApiProperty({ description: 'The user who added it (or the admin it passed to)' }) ownerId!: string;
  @ApiProperty({ type: [String], required: false, description: 'Users who may view it; only for the owner and admins' })
  viewerIds?: string[];
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
