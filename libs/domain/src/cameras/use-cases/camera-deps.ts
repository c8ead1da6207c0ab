import type { AlertRepository } from '../../alerts/alert-repository';
import type { RealtimePublisher } from '../../realtime/realtime-publisher';
import type { Clock } from '../../shared/clock';
import type { IdGenerator } from '../../shared/id-generator';
import type { CameraStreamController } from '../../streams/camera-stream-controller';
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
  defaultFps: number;
}
