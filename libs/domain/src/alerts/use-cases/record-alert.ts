import type { Camera } from '../../cameras/camera';
import { cameraAudience } from '../../cameras/camera-access';
import type { CameraRepository } from '../../cameras/camera-repository';
import type { RealtimePublisher } from '../../realtime/realtime-publisher';
import type { Clock } from '../../shared/clock';
import { NotFoundError, ValidationError } from '../../shared/errors';
import type { IdGenerator } from '../../shared/id-generator';
import { MAX_ID_LENGTH } from '../../shared/limits';
import type { Alert, AlertMeta } from '../alert';
import { parseAlertMeta, parseSnapshotUrl, parseTimestamp } from '../alert-input';
import type { AlertRepository } from '../alert-repository';
import { parseBoundingBox } from '../bounding-box';

export interface AlertInput {
  cameraId: unknown;
  timestamp?: unknown;
  bbox: unknown;
  snapshotUrl?: unknown;
  meta?: unknown;
}

export interface RecordAlertDeps {
  cameras: CameraRepository;
  alerts: AlertRepository;
  publisher: RealtimePublisher;
  ids: IdGenerator;
  clock: Clock;
  /** Told of every alert stored, to record its clip (the recorder); absent: no clips. */
  clips?: { alertRaised(alert: Alert): void };
}

/** Stores an alert and publishes it to everyone who may see its camera (and has its clip recorded). */
export class RecordAlert {
  constructor(private readonly deps: RecordAlertDeps) {}

  /** From an outside worker (`POST /api/alerts`). */
  async fromExternal(input: AlertInput): Promise<Alert> {
    if (typeof input.cameraId !== 'string' || input.cameraId.length === 0 || input.cameraId.length > MAX_ID_LENGTH) {
      throw new ValidationError('cameraId must be a camera id string');
    }
    const camera = await this.deps.cameras.findById(input.cameraId);
    if (!camera) throw new NotFoundError('Camera not found');
    const timestamp = input.timestamp === undefined ? this.deps.clock.now() : parseTimestamp('timestamp', input.timestamp);
    return this.record(camera, {
      timestamp,
      bbox: parseBoundingBox(input.bbox),
      snapshotUrl: parseSnapshotUrl(input.snapshotUrl),
      snapshotKey: null,
      meta: parseAlertMeta(input.meta),
      kind: 'face',
      zones: [],
    });
  }

  /** From Argus's own pipeline, whose values are already well-formed. */
  async record(camera: Camera, fields: Omit<Alert, 'alertId' | 'cameraId' | 'createdAt'>): Promise<Alert> {
    const alert: Alert = {
      alertId: this.deps.ids.next(),
      cameraId: camera.id,
      ...fields,
      meta: { ...fields.meta } as AlertMeta,
      createdAt: this.deps.clock.now(),
    };
    await this.deps.alerts.add(alert);
    this.deps.publisher.publishAlert(alert, cameraAudience(camera));
    this.deps.clips?.alertRaised(alert);
    return alert;
  }
}
