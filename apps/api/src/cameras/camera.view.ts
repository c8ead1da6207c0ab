import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CAMERA_STATUSES, type CameraStatus } from '@argus/domain';

/** A camera as every answer carries it (`toCameraView`). */
@ApiSchema({ name: 'Camera' })
export class CameraView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() location!: string;
  @ApiProperty({ description: 'Any password masked: rtsp://user:***@host/path', example: 'rtsp://user:***@192.0.2.10:554/stream1' })
  rtspUrl!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() detectionEnabled!: boolean;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 30, description: 'Processing FPS' }) fps!: number;
  @ApiProperty({ enum: CAMERA_STATUSES }) status!: CameraStatus;
  @ApiProperty({ required: false, description: 'Why the camera is in `error` (only then)' }) error?: string;
  @ApiProperty({ description: 'The user who added it (or the admin it passed to)' }) ownerId!: string;
  @ApiProperty({ type: [String], required: false, description: 'Users who may view it; only for the owner and admins' })
  viewerIds?: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

@ApiSchema({ name: 'CameraPage', description: 'One page of cameras, oldest first' })
export class CameraPageView {
  @ApiProperty({ type: [CameraView] }) items!: CameraView[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cameras in all pages' }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100 }) limit!: number;
}
