import type { Alert } from '../alerts/alert';
import type { AlertListQuery, AlertRepository } from '../alerts/alert-repository';
import type { Camera, CameraStatus } from '../cameras/camera';
import { CameraStatusReporter, type CameraStatusDeps } from '../cameras/use-cases/camera-status';
import type { AlertIdentity } from '../people/person';
import { ConflictError } from '../shared/errors';
import type { CameraFences } from './camera-fences';

/** A write for a camera this node no longer holds (or whose fencing token is no longer the newest). */
export class StaleFenceError extends ConflictError {
  constructor(cameraId: string) {
    super(`camera ${cameraId} is run by another worker now: write refused`);
  }
}

/** The fencing tokens of the cameras this node holds. */
export class FenceBook {
  private readonly tokens = new Map<string, number>();

  set(cameraId: string, token: number): void {
    this.tokens.set(cameraId, token);
  }

  get(cameraId: string): number | undefined {
    return this.tokens.get(cameraId);
  }

  delete(cameraId: string): void {
    this.tokens.delete(cameraId);
  }
}

/**
 * The check every status and alert a worker writes passes first: the camera is held here, with the
 * newest fencing token in the database. When the database cannot be asked, the write goes ahead
 * (nobody can have taken the camera over without raising its token there) and meets the outage
 * on its own way (the status is retried, the alert waits in the outbox).
 */
export class FencedWrites {
  constructor(
    private readonly book: FenceBook,
    private readonly fences: CameraFences,
  ) {}

  holds(cameraId: string): boolean {
    return this.book.get(cameraId) !== undefined;
  }

  async admit(cameraId: string): Promise<void> {
    const token = this.book.get(cameraId);
    if (token === undefined) throw new StaleFenceError(cameraId);
    let stale: string[];
    try {
      stale = await this.fences.stale([{ cameraId, token }]);
    } catch {
      return;
    }
    if (stale.includes(cameraId) || this.book.get(cameraId) !== token) throw new StaleFenceError(cameraId);
  }
}

/** The status reporter of a worker's cameras: each status passes the fence first. */
export class FencedStatusReporter extends CameraStatusReporter {
  constructor(
    deps: CameraStatusDeps,
    private readonly writes: FencedWrites,
  ) {
    super(deps);
  }

  override async setStatus(cameraId: string, status: CameraStatus, error?: string, known?: Camera): Promise<Camera | null> {
    await this.writes.admit(cameraId);
    return super.setStatus(cameraId, status, error, known);
  }

  override reportFps(camera: Camera, measuredFps: number): void {
    if (this.writes.holds(camera.id)) super.reportFps(camera, measuredFps);
  }
}

/** The alert repository of a worker's pipeline: each new alert passes the fence first. */
export class FencedAlertRepository implements AlertRepository {
  constructor(
    private readonly inner: AlertRepository,
    private readonly writes: FencedWrites,
  ) {}

  /** An alert id stored already is the same alert (sent again after a lost answer): done. */
  async add(alert: Alert): Promise<void> {
    await this.writes.admit(alert.cameraId);
    try {
      await this.inner.add(alert);
    } catch (error) {
      if (!(error instanceof ConflictError) || !(await this.inner.findById(alert.alertId).catch(() => null))) throw error;
    }
  }

  findById(alertId: string): Promise<Alert | null> {
    return this.inner.findById(alertId);
  }

  list(query: AlertListQuery): Promise<{ items: Alert[]; total: number }> {
    return this.inner.list(query);
  }

  deleteByCamera(cameraId: string): Promise<number> {
    return this.inner.deleteByCamera(cameraId);
  }

  setIdentity(alertId: string, person: AlertIdentity | null, unknownId: string | null): Promise<void> {
    return this.inner.setIdentity(alertId, person, unknownId);
  }

  clearPerson(personId: string): Promise<void> {
    return this.inner.clearPerson(personId);
  }

  nameUnknown(unknownId: string, person: AlertIdentity): Promise<void> {
    return this.inner.nameUnknown(unknownId, person);
  }

  attachClip(alertId: string, clipKey: string | null): Promise<void> {
    return this.inner.attachClip(alertId, clipKey);
  }
}

/**
 * The pipeline's RecordAlert on a worker: an alert the camera session raises passes the fence
 * first (alerts posted from outside, `fromExternal`, do not: they name no session).
 */
export function fencedRecordAlert<T extends { record(camera: Camera, fields: never): Promise<Alert> }>(inner: T, writes: FencedWrites): T {
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'record') {
        return async (camera: Camera, fields: never) => {
          await writes.admit(camera.id);
          return target.record(camera, fields);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
