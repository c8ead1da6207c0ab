import type { AlertRepository } from '../../alerts/alert-repository';
import type { RealtimePublisher } from '../../realtime/realtime-publisher';
import type { Clock } from '../../shared/clock';
import type { IdGenerator } from '../../shared/id-generator';
import type { CameraStreamController } from '../../streams/camera-stream-controller';
import type { SnapshotStore } from '../../streams/snapshot-store';
import type { UserRepository } from '../../users/user-repository';
import type { CameraRepository } from '../camera-repository';

/** What the camera use cases need; `streams` is absent until a pipeline runs cameras. */
export interface CameraDeps {
  cameras: CameraRepository;
  users: UserRepository;
  alerts: AlertRepository;
  publisher: RealtimePublisher;
  clock: Clock;
  ids: IdGenerator;
  streams?: CameraStreamController;
  /** Where the pipeline keeps alert snapshots (deleted with their camera). */
  snapshots?: SnapshotStore;
  defaultFps: number;
}
