// In-memory implementations of the domain ports for unit tests of the use cases.
import type { Alert } from '../alerts/alert';
import type { AlertOutbox } from '../alerts/alert-outbox';
import type { AlertListQuery, AlertRepository } from '../alerts/alert-repository';
import type { Camera, CameraPatch } from '../cameras/camera';
import type { AlertIdentity } from '../people/person';
import type { CameraAudience } from '../cameras/camera-access';
import type { CameraListQuery, CameraRepository } from '../cameras/camera-repository';
import { toAlertView, type Alert as StoredAlert, type AlertView } from '../alerts/alert';
import type { CameraStateEvent, DetectionsEvent, RealtimePublisher } from '../realtime/realtime-publisher';
import type { Clock } from '../shared/clock';
import { ConflictError } from '../shared/errors';
import type { IdGenerator } from '../shared/id-generator';
import type { PasswordHasher } from '../users/password-hasher';
import type { User } from '../users/user';
import type { UserPatch, UserRepository } from '../users/user-repository';

export class FakeClock implements Clock {
  constructor(private current = new Date('2026-01-01T00:00:00Z')) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export class SequentialIds implements IdGenerator {
  private n = 0;
  next(): string {
    return `id-${++this.n}`;
  }
}

/** Reversible "hash" so tests stay fast; never used outside tests. */
export class PlainTestHasher implements PasswordHasher {
  async hash(plain: string): Promise<string> {
    return `test$${plain}`;
  }
  async verify(plain: string, hash: string): Promise<boolean> {
    return hash === `test$${plain}`;
  }
}

export class InMemoryUsers implements UserRepository {
  readonly rows = new Map<string, User>();
  async create(user: User): Promise<void> {
    if (await this.findByUsername(user.username)) throw new ConflictError('username taken');
    this.rows.set(user.id, { ...user });
  }
  async findById(id: string): Promise<User | null> {
    return this.rows.get(id) ?? null;
  }
  async findByUsername(username: string): Promise<User | null> {
    return [...this.rows.values()].find((u) => u.username.toLowerCase() === username.toLowerCase()) ?? null;
  }
  async list(): Promise<User[]> {
    return [...this.rows.values()];
  }
  async count(): Promise<number> {
    return this.rows.size;
  }
  async update(id: string, patch: UserPatch): Promise<User | null> {
    const user = this.rows.get(id);
    if (!user) return null;
    Object.assign(user, patch);
    return { ...user };
  }
  async delete(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }
}

export class InMemoryCameras implements CameraRepository {
  readonly rows = new Map<string, Camera>();
  async create(camera: Camera): Promise<void> {
    this.rows.set(camera.id, { ...camera, viewerIds: [...camera.viewerIds] });
  }
  async findById(id: string): Promise<Camera | null> {
    const c = this.rows.get(id);
    return c ? { ...c, viewerIds: [...c.viewerIds] } : null;
  }
  async list(q: CameraListQuery): Promise<{ items: Camera[]; total: number }> {
    const all = [...this.rows.values()]
      .filter((c) => !q.visibleToUserId || c.ownerId === q.visibleToUserId || c.viewerIds.includes(q.visibleToUserId))
      .filter((c) => q.enabled === undefined || c.enabled === q.enabled);
    return { items: all.slice(q.offset, q.offset + q.limit), total: all.length };
  }
  async listIdsVisibleTo(userId: string): Promise<string[]> {
    return (await this.list({ visibleToUserId: userId, offset: 0, limit: 1e9 })).items.map((c) => c.id);
  }
  async listAll(): Promise<Camera[]> {
    return [...this.rows.values()];
  }
  async update(id: string, patch: CameraPatch): Promise<Camera | null> {
    const c = this.rows.get(id);
    if (!c) return null;
    Object.assign(c, patch);
    return this.findById(id);
  }
  async delete(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }
  async removeViewerEverywhere(userId: string): Promise<number> {
    let n = 0;
    for (const c of this.rows.values()) {
      if (c.viewerIds.includes(userId)) {
        c.viewerIds = c.viewerIds.filter((v) => v !== userId);
        n++;
      }
    }
    return n;
  }
  async listOwnedBy(userId: string): Promise<Camera[]> {
    return [...this.rows.values()].filter((c) => c.ownerId === userId);
  }
}

export class InMemoryAlerts implements AlertRepository {
  readonly rows: Alert[] = [];
  async add(alert: Alert): Promise<void> {
    if (this.rows.some((a) => a.alertId === alert.alertId)) throw new ConflictError(`alert ${alert.alertId} already exists`);
    this.rows.push(alert);
  }
  async findById(alertId: string): Promise<Alert | null> {
    return this.rows.find((a) => a.alertId === alertId) ?? null;
  }
  async list(q: AlertListQuery): Promise<{ items: Alert[]; total: number }> {
    const all = this.rows
      .filter((a) => !q.cameraIds || q.cameraIds.includes(a.cameraId))
      .filter((a) => (!q.from || a.timestamp >= q.from) && (!q.to || a.timestamp <= q.to))
      .filter((a) => q.personId === undefined || a.person?.id === q.personId)
      .filter((a) => q.unknown === undefined || (q.unknown ? a.person === null : !!a.person))
      .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime() || (a.alertId < b.alertId ? 1 : -1));
    return { items: all.slice(q.offset, q.offset + q.limit), total: all.length };
  }
  async deleteByCamera(cameraId: string): Promise<number> {
    const before = this.rows.length;
    this.rows.splice(0, this.rows.length, ...this.rows.filter((a) => a.cameraId !== cameraId));
    return before - this.rows.length;
  }
  async setIdentity(alertId: string, person: AlertIdentity | null, unknownId: string | null): Promise<void> {
    const alert = this.rows.find((a) => a.alertId === alertId);
    if (alert) Object.assign(alert, { person: person ? { ...person } : null, unknownId });
  }
  async clearPerson(personId: string): Promise<void> {
    for (const alert of this.rows) if (alert.person?.id === personId) alert.person = null;
  }
  async nameUnknown(unknownId: string, person: AlertIdentity): Promise<void> {
    for (const alert of this.rows) if (alert.unknownId === unknownId) Object.assign(alert, { person: { ...person }, unknownId: null });
  }
  async attachClip(alertId: string, clipKey: string | null): Promise<void> {
    const alert = this.rows.find((a) => a.alertId === alertId);
    if (alert) alert.clipKey = clipKey;
  }
}

/** An AlertRepository whose writes fail or hang on demand, as a database outage would make them. */
export class FlakyAlerts extends InMemoryAlerts {
  mode: 'up' | 'down' | 'hang' = 'up';
  addCalls = 0;
  private hung: Array<() => void> = [];

  override async add(alert: Alert): Promise<void> {
    this.addCalls++;
    if (this.mode === 'down') throw new Error('database unavailable');
    if (this.mode === 'hang') {
      return new Promise<void>((resolve, reject) => this.hung.push(() => super.add(alert).then(resolve, reject)));
    }
    return super.add(alert);
  }

  /** Lets the hung writes land, late, as a slow database's would. */
  releaseHung(): void {
    this.hung.splice(0).forEach((land) => land());
  }
}

/** An outbox in memory; `failNextRemove` stands for a crash between "stored" and "removed". */
export class InMemoryOutbox implements AlertOutbox {
  readonly kept: Alert[] = [];
  failNextRemove = false;
  failAppends = false;

  async append(alert: Alert): Promise<void> {
    if (this.failAppends) throw new Error('disk full');
    this.kept.push(alert);
  }
  async pending(): Promise<Alert[]> {
    return [...this.kept];
  }
  async remove(alertId: string): Promise<void> {
    if (this.failNextRemove) {
      this.failNextRemove = false;
      throw new Error('crashed before removing');
    }
    const at = this.kept.findIndex((a) => a.alertId === alertId);
    if (at >= 0) this.kept.splice(at, 1);
  }
}

export class RecordingPublisher implements RealtimePublisher {
  /** Published alerts as a recipient without snapshot links would see them. */
  readonly alerts: Array<{ alert: AlertView; audience: CameraAudience }> = [];
  readonly storedAlerts: StoredAlert[] = [];
  /** `alert_updated` events, as a recipient without snapshot links would see them. */
  readonly updatedAlerts: Array<{ alert: AlertView; audience: CameraAudience }> = [];
  readonly states: Array<{ event: CameraStateEvent; audience: CameraAudience }> = [];
  readonly detections: DetectionsEvent[] = [];
  readonly audienceChanges: unknown[] = [];
  publishAlert(alert: StoredAlert, audience: CameraAudience): void {
    this.storedAlerts.push(alert);
    this.alerts.push({ alert: toAlertView(alert), audience });
  }
  alertUpdated(alert: StoredAlert, audience: CameraAudience): void {
    this.updatedAlerts.push({ alert: toAlertView(alert), audience });
  }
  publishCameraState(event: CameraStateEvent, audience: CameraAudience): void {
    this.states.push({ event, audience });
  }
  publishDetections(event: DetectionsEvent): void {
    this.detections.push(event);
  }
  audienceChanged(change: unknown): void {
    this.audienceChanges.push(change);
  }
}
