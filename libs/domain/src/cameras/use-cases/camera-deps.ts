import type { AlertRepository } from '../../alerts/alert-repository';
import type { RealtimePublisher } from '../../realtime/realtime-publisher';
import type { Clock } from '../../shared/clock';
import type { IdGenerator } from '../../shared/id-generator';
import type { CameraStreamController } from '../../streams/camera-stream-controller';
import type { SnapshotStore } from '../../streams/snapshot-store';
import type { UserRepository } from '../../users/user-repository';
import type { FaceImageStore } from '../../people/face-image-store';
import type { CameraRepository } from '../camera-repository';

/**
 * Everything the camera use cases draw on. Each use case takes the part it needs (its `…Deps` type),
 * as one object given to its constructor.
 */
export interface CameraDeps {
  cameras: CameraRepository;
  users: UserRepository;
  alerts: AlertRepository;
  publisher: RealtimePublisher;
  clock: Clock;
  ids: IdGenerator;
  /** The running side: the camera pipeline behind start/stop. */
  streams: CameraStreamController;
  /** Where the pipeline keeps alert snapshots (deleted with their camera). */
  snapshots: SnapshotStore;
  /** Face crops: the faces kept with the camera's alerts go with it. */
  crops: FaceImageStore;
  /** Recordings (continuous segments, event clips): a deleted camera's go with it. */
  recordings?: { cameraRemoved(cameraId: string): Promise<void> };
  defaultFps: number;
}
