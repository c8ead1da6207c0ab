import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { HealthReport } from './readiness';
import type { RecordingsHealth } from '../recordings/recording-status';

type HealthDatabase = HealthReport['database'];
type HealthDetection = HealthReport['detection'];
type HealthCameras = HealthReport['cameras'];
type CameraStatusCounts = NonNullable<HealthCameras['byStatus']>;

@ApiSchema({ name: 'HealthDatabase' })
class HealthDatabaseView implements HealthDatabase {
  @ApiProperty({ enum: ['sqlite', 'mongodb'] }) kind!: HealthDatabase['kind'];
  @ApiProperty() up!: boolean;
  @ApiProperty({ required: false, description: 'While down: what Argus is waiting for and why, e.g. "waiting for MongoDB at mongo:27017: connect ECONNREFUSED 172.18.0.2:27017"' })
  detail?: string;
}

@ApiSchema({ name: 'HealthDetection' })
class HealthDetectionView implements HealthDetection {
  @ApiProperty({ enum: ['not started', 'warming', 'ready', 'failed', 'closed'] }) state!: HealthDetection['state'];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Worker threads, once started' }) threads!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Frames waiting for a worker, once started' }) queueSize!: number | null;
  @ApiProperty({ required: false, description: 'Why the detector failed to start' }) error?: string;
}

@ApiSchema({ name: 'CameraStatusCounts' })
class CameraStatusCountsView implements CameraStatusCounts {
  @ApiProperty({ type: 'integer' }) starting!: number;
  @ApiProperty({ type: 'integer' }) running!: number;
  @ApiProperty({ type: 'integer' }) stopped!: number;
  @ApiProperty({ type: 'integer' }) error!: number;
}

@ApiSchema({ name: 'HealthCameras' })
class HealthCamerasView implements HealthCameras {
  @ApiProperty({ type: 'integer', nullable: true, description: 'Stored cameras (null while the database is down)' }) total!: number | null;
  @ApiProperty({ type: CameraStatusCountsView, nullable: true, description: 'Stored cameras by status (null while the database is down)' })
  byStatus!: CameraStatusCountsView | null;
  @ApiProperty({ type: 'integer', description: 'Camera streams this process runs' }) active!: number;
}

@ApiSchema({ name: 'HealthMedia' })
class HealthMediaView {
  @ApiProperty({ enum: ['file', 's3'], description: 'MEDIA_STORE: files under DATA_DIR, or an S3 bucket' }) kind!: 'file' | 's3';
  @ApiProperty({ description: 'Files: always; S3: the last call answered (false while writes are spooled)' }) up!: boolean;
  @ApiProperty({ type: 'integer', required: false, description: 'S3 only: writes and deletes waiting in the local spool for S3' }) spooled?: number;
  @ApiProperty({ required: false, description: 'S3 only, while down: the last error' }) detail?: string;
}

@ApiSchema({ name: 'HealthDisk' })
class HealthDiskView {
  @ApiProperty({ type: 'integer', description: 'Bytes of the file system' }) total!: number;
  @ApiProperty({ type: 'integer', description: 'Bytes free (for Argus)' }) free!: number;
}

@ApiSchema({ name: 'HealthRecordings' })
class HealthRecordingsView implements RecordingsHealth {
  @ApiProperty({ description: 'RECORDINGS_DIR' }) dir!: string;
  @ApiProperty({ type: 'integer', description: 'Continuous segments and event clips together' }) bytes!: number;
  @ApiProperty({ type: 'integer', description: 'Continuous segments (RECORDINGS_DIR)' }) continuousBytes!: number;
  @ApiProperty({ type: 'integer', description: 'Event clips (in the media store)' }) clipBytes!: number;
  @ApiProperty({ type: 'integer', description: 'Video held in memory for the clips’ pre-roll, all cameras' }) preRollBytes!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'RECORDINGS_MAX_GB in bytes; null: a tenth of the disk is kept free instead' }) maxBytes!: number | null;
  @ApiProperty({ type: HealthDiskView, nullable: true, description: 'The disk of RECORDINGS_DIR' }) disk!: HealthDiskView | null;
  @ApiProperty({ required: false, description: 'Why recording is stopped on every camera (a full disk, or the cap reached with nothing left to delete); absent while it records' })
  stopped?: string;
}

/** `GET /api/health` and `GET /api/health/ready` (HealthReport). */
@ApiSchema({ name: 'Health' })
export class HealthView implements HealthReport {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ description: 'Database reachable and not shutting down: safe to send traffic here' }) ready!: boolean;
  @ApiProperty() shuttingDown!: boolean;
  @ApiProperty({ type: 'integer' }) uptimeSeconds!: number;
  @ApiProperty({ type: HealthDatabaseView }) database!: HealthDatabaseView;
  @ApiProperty({ type: HealthDetectionView }) detection!: HealthDetectionView;
  @ApiProperty({ type: HealthCamerasView }) cameras!: HealthCamerasView;
  @ApiProperty({ type: 'integer', description: 'Connected socket.io clients' }) socketClients!: number;
  @ApiProperty({ type: HealthMediaView, description: 'The media store (snapshots, face crops)' }) media!: HealthReport['media'];
  @ApiProperty({ type: HealthRecordingsView, description: 'Disk use of recordings' }) recordings!: HealthRecordingsView;
}
