import type { AlertRepository } from '../../alerts/alert-repository';
import type { CameraRepository } from '../../cameras/camera-repository';
import type { Clock } from '../../shared/clock';
import type { IdGenerator } from '../../shared/id-generator';
import type { RealtimePublisher } from '../../realtime/realtime-publisher';
import type { SnapshotStore } from '../../streams/snapshot-store';
import type { FaceAnalyser } from '../face-analyser';
import type { FaceImageStore, ImageDecoder } from '../face-image-store';
import type { FaceMatcher } from '../face-matcher';
import type { IdentityCooldown } from '../identity-cooldown';
import type { FaceRepository, PersonRepository, UnknownGroupRepository } from '../people-repositories';
import type { UnknownGrouper } from '../unknown-grouper';

/**
 * Everything the people use cases draw on. Each use case takes the part it needs (its `…Deps` type),
 * as one object given to its constructor.
 */
export interface PeopleDeps {
  people: PersonRepository;
  faces: FaceRepository;
  unknowns: UnknownGroupRepository;
  alerts: AlertRepository;
  /** Alert visibility follows the camera. */
  cameras: CameraRepository;
  analyser: FaceAnalyser;
  /** Kept in step with the enrolled faces by the use cases. */
  matcher: FaceMatcher;
  grouper: UnknownGrouper;
  /** Face crops (enrolled and unknown). */
  crops: FaceImageStore;
  /** Alert snapshots, to enrol the face of an alert. */
  snapshots: SnapshotStore;
  decoder: ImageDecoder;
  /** `alert_updated` when a correction changes an alert's identity. */
  publisher: RealtimePublisher;
  /** The pipeline's identity cooldown: a deleted person or a removed group is forgotten there too. */
  cooldown: IdentityCooldown;
  clock: Clock;
  ids: IdGenerator;
}
