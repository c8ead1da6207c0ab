import {
  CAMERA_STATUSES,
  ConflictError,
  type Camera,
  type CameraListQuery,
  type CameraPatch,
  type CameraRepository,
  type CameraStatus,
  type CameraZone,
  copyRecording,
  isObjectLabel,
  type CameraRecording,
  type ObjectLabel,
} from '@argus/domain';
import type { SqliteDatabase } from './sqlite-database';
import { isUniqueViolation } from './sqlite-errors';

interface CameraRow {
  id: string;
  name: string;
  location: string;
  rtsp_url: string;
  enabled: number;
  detection_enabled: number;
  fps: number;
  status: string;
  last_error: string | null;
  owner_id: string;
  created_at: number;
  updated_at: number;
  zones: string;
  objects: string;
  recording: string | null;
  detect_rtsp_url: string | null;
  worker_label: string | null;
  node: string | null;
}

const COLUMNS =
  'id, name, location, rtsp_url, enabled, detection_enabled, fps, status, last_error, owner_id, created_at, updated_at, zones, objects, recording, detect_rtsp_url, worker_label, node';
const ORDER = 'ORDER BY created_at, id';
const VISIBLE_TO = '(owner_id = ? OR id IN (SELECT camera_id FROM camera_viewers WHERE user_id = ?))';

/** Patchable fields and their columns: the only names that ever reach an UPDATE's text. */
const PATCH_COLUMNS = {
  name: ['name', String],
  location: ['location', String],
  rtspUrl: ['rtsp_url', String],
  enabled: ['enabled', (v: unknown) => (v ? 1 : 0)],
  detectionEnabled: ['detection_enabled', (v: unknown) => (v ? 1 : 0)],
  fps: ['fps', Number],
  status: ['status', String],
  lastError: ['last_error', (v: unknown) => (v === null ? null : String(v))],
  ownerId: ['owner_id', String],
  updatedAt: ['updated_at', (v: unknown) => (v as Date).getTime()],
  zones: ['zones', (v: unknown) => zonesJson(v as CameraZone[])],
  objects: ['objects', (v: unknown) => JSON.stringify((v as string[]).map(String))],
  recording: ['recording', (v: unknown) => recordingJson(v as CameraRecording)],
  detectRtspUrl: ['detect_rtsp_url', nullableString],
  workerLabel: ['worker_label', nullableString],
  node: ['node', nullableString],
} as const satisfies Record<Exclude<keyof CameraPatch, 'viewerIds'>, readonly [string, (v: unknown) => unknown]>;

export class SqliteCameraRepository implements CameraRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async create(camera: Camera): Promise<void> {
    try {
      this.db.transaction(() => {
        this.db
          .prepare(`INSERT INTO cameras (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(
            String(camera.id),
            String(camera.name),
            String(camera.location),
            String(camera.rtspUrl),
            camera.enabled ? 1 : 0,
            camera.detectionEnabled ? 1 : 0,
            Number(camera.fps),
            String(camera.status),
            camera.lastError === null ? null : String(camera.lastError),
            String(camera.ownerId),
            camera.createdAt.getTime(),
            camera.updatedAt.getTime(),
            zonesJson(camera.zones ?? []),
            JSON.stringify((camera.objects ?? []).map(String)),
            recordingJson(copyRecording(camera.recording)),
            nullableString(camera.detectRtspUrl ?? null),
            nullableString(camera.workerLabel ?? null),
            nullableString(camera.node ?? null),
          );
        this.replaceViewers(camera.id, camera.viewerIds);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`camera ${camera.id} already exists`);
      throw error;
    }
  }

  async findById(id: string): Promise<Camera | null> {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM cameras WHERE id = ?`).get(String(id)) as CameraRow | undefined;
    return row ? this.withViewers([row])[0] : null;
  }

  async list(query: CameraListQuery): Promise<{ items: Camera[]; total: number }> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (query.visibleToUserId !== undefined) {
      conditions.push(VISIBLE_TO);
      params.push(String(query.visibleToUserId), String(query.visibleToUserId));
    }
    if (query.enabled !== undefined) {
      conditions.push('enabled = ?');
      params.push(query.enabled ? 1 : 0);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM cameras ${where} ${ORDER} LIMIT ? OFFSET ?`)
      .all(...params, Math.trunc(query.limit), Math.trunc(query.offset)) as CameraRow[];
    const { n } = this.db.prepare(`SELECT COUNT(*) AS n FROM cameras ${where}`).get(...params) as { n: number };
    return { items: this.withViewers(rows), total: n };
  }

  async listIdsVisibleTo(userId: string): Promise<string[]> {
    const rows = this.db.prepare(`SELECT id FROM cameras WHERE ${VISIBLE_TO} ${ORDER}`).all(String(userId), String(userId));
    return (rows as Array<{ id: string }>).map((row) => row.id);
  }

  async listAll(): Promise<Camera[]> {
    return this.withViewers(this.db.prepare(`SELECT ${COLUMNS} FROM cameras ${ORDER}`).all() as CameraRow[]);
  }

  async update(id: string, patch: CameraPatch): Promise<Camera | null> {
    const assignments: string[] = [];
    const params: unknown[] = [];
    for (const [field, [column, cast]] of Object.entries(PATCH_COLUMNS)) {
      const value = patch[field as keyof typeof PATCH_COLUMNS];
      if (value === undefined) continue;
      assignments.push(`${column} = ?`);
      params.push(cast(value));
    }
    const found = this.db.transaction(() => {
      const exists = this.db.prepare('SELECT 1 AS found FROM cameras WHERE id = ?').get(String(id));
      if (!exists) return false;
      if (assignments.length) this.db.prepare(`UPDATE cameras SET ${assignments.join(', ')} WHERE id = ?`).run(...params, String(id));
      if (patch.viewerIds !== undefined) this.replaceViewers(id, patch.viewerIds);
      return true;
    });
    return found ? this.findById(id) : null;
  }

  async delete(id: string): Promise<boolean> {
    // camera_viewers rows go with it (ON DELETE CASCADE).
    return this.db.prepare('DELETE FROM cameras WHERE id = ?').run(String(id)).changes > 0;
  }

  async removeViewerEverywhere(userId: string): Promise<number> {
    // (camera_id, user_id) is the key, so each deleted row is one camera changed.
    return this.db.prepare('DELETE FROM camera_viewers WHERE user_id = ?').run(String(userId)).changes;
  }

  async listOwnedBy(userId: string): Promise<Camera[]> {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM cameras WHERE owner_id = ? ${ORDER}`).all(String(userId));
    return this.withViewers(rows as CameraRow[]);
  }

  private replaceViewers(cameraId: string, viewerIds: readonly string[]): void {
    this.db.prepare('DELETE FROM camera_viewers WHERE camera_id = ?').run(String(cameraId));
    const insert = this.db.prepare('INSERT INTO camera_viewers (camera_id, user_id, position) VALUES (?, ?, ?)');
    // A user named twice is one viewer; the first mention keeps its place.
    [...new Set(viewerIds.map(String))].forEach((userId, position) => insert.run(String(cameraId), userId, position));
  }

  /** Loads the viewers of every camera on the page in one query. */
  private withViewers(rows: CameraRow[]): Camera[] {
    if (rows.length === 0) return [];
    const viewers = new Map<string, string[]>(rows.map((row) => [row.id, []]));
    const viewerRows = this.db
      .prepare(
        `SELECT camera_id, user_id FROM camera_viewers
         WHERE camera_id IN (SELECT value FROM json_each(?)) ORDER BY camera_id, position`,
      )
      .all(JSON.stringify(rows.map((row) => row.id))) as Array<{ camera_id: string; user_id: string }>;
    for (const { camera_id, user_id } of viewerRows) viewers.get(camera_id)?.push(user_id);
    return rows.map((row) => toCamera(row, viewers.get(row.id) ?? []));
  }
}

function toCamera(row: CameraRow, viewerIds: string[]): Camera {
  return {
    id: row.id,
    name: row.name,
    location: row.location,
    rtspUrl: row.rtsp_url,
    enabled: row.enabled === 1,
    detectionEnabled: row.detection_enabled === 1,
    fps: row.fps,
    status: toStatus(row.status),
    lastError: row.last_error,
    ownerId: row.owner_id,
    viewerIds,
    zones: JSON.parse(row.zones) as CameraZone[],
    objects: (JSON.parse(row.objects) as unknown[]).filter(isObjectLabel) as ObjectLabel[],
    recording: copyRecording(row.recording === null ? undefined : (JSON.parse(row.recording) as CameraRecording)),
    detectRtspUrl: row.detect_rtsp_url,
    workerLabel: row.worker_label,
    node: row.node,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** Only the fields of a zone reach the database, with their stored types. */
function zonesJson(zones: readonly CameraZone[]): string {
  return JSON.stringify(zones.map((z) => ({ name: String(z.name), kind: String(z.kind), points: z.points.map(([x, y]) => [Number(x), Number(y)]) })));
}

function recordingJson(recording: CameraRecording): string {
  return JSON.stringify({ mode: String(recording.mode), preSeconds: Number(recording.preSeconds), postSeconds: Number(recording.postSeconds) });
}

function nullableString(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function toStatus(value: string): CameraStatus {
  if ((CAMERA_STATUSES as readonly string[]).includes(value)) return value as CameraStatus;
  throw new Error(`cameras row has an unknown status "${value}"`);
}
