import { ConflictError, NotFoundError, type UnknownFace, type UnknownGroup, type UnknownGroupRepository } from '@argus/domain';
import { decodeEmbedding, encodeEmbedding } from '../embedding-codec';
import type { SqliteDatabase } from './sqlite-database';
import { isUniqueViolation } from './sqlite-errors';

interface GroupRow {
  number: number;
  id: string;
  face_count: number;
  first_seen: number;
  last_seen: number;
  camera_ids: string;
}

interface FaceRow {
  id: string;
  group_id: string;
  camera_id: string;
  alert_id: string | null;
  box_x: number | null;
  box_y: number | null;
  box_width: number | null;
  box_height: number | null;
  image_key: string;
  model: string;
  vector: ArrayBuffer;
  quality: number;
  seen_at: number;
}

const GROUP_COLUMNS = 'number, id, face_count, first_seen, last_seen, camera_ids';
const FACE_COLUMNS = 'id, group_id, camera_id, alert_id, box_x, box_y, box_width, box_height, image_key, model, vector, quality, seen_at';
const NEWEST_FACES = 'ORDER BY seen_at DESC, id DESC';
/** One more face: count, time span, and its camera appended when the group had not seen it yet. */
const COUNT_FACE = `UPDATE unknown_groups SET face_count = face_count + 1, first_seen = MIN(first_seen, ?), last_seen = MAX(last_seen, ?),
  camera_ids = CASE WHEN EXISTS (SELECT 1 FROM json_each(camera_ids) WHERE value = ?) THEN camera_ids ELSE json_insert(camera_ids, '$[#]', ?) END
  WHERE id = ?`;

export class SqliteUnknownGroupRepository implements UnknownGroupRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async create(group: Omit<UnknownGroup, 'number'>): Promise<UnknownGroup> {
    try {
      // number is the AUTOINCREMENT rowid: the next one, never one a deleted group had.
      this.db
        .prepare('INSERT INTO unknown_groups (id, face_count, first_seen, last_seen, camera_ids) VALUES (?, ?, ?, ?, ?)')
        .run(
          String(group.id),
          Math.max(0, Math.trunc(Number(group.faceCount))),
          group.firstSeen.getTime(),
          group.lastSeen.getTime(),
          JSON.stringify([...new Set(group.cameraIds.map(String))]),
        );
      return toGroup(this.groupRow(String(group.id)) as GroupRow);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`unknown group ${group.id} already exists`);
      throw error;
    }
  }

  async findById(id: string): Promise<UnknownGroup | null> {
    const row = this.groupRow(String(id));
    return row ? toGroup(row) : null;
  }

  async list(offset: number, limit: number): Promise<{ items: UnknownGroup[]; total: number }> {
    const rows = this.db
      .prepare(`SELECT ${GROUP_COLUMNS} FROM unknown_groups ORDER BY last_seen DESC, number DESC LIMIT ? OFFSET ?`)
      .all(Math.max(0, Math.trunc(limit)), Math.max(0, Math.trunc(offset))) as GroupRow[];
    const { n } = this.db.prepare('SELECT COUNT(*) AS n FROM unknown_groups').get() as { n: number };
    return { items: rows.map(toGroup), total: n };
  }

  async addFace(face: UnknownFace): Promise<void> {
    const groupId = String(face.groupId);
    const seenAt = face.seenAt.getTime();
    try {
      this.db.transaction(() => {
        if (!this.groupRow(groupId)) throw new NotFoundError(`unknown group ${groupId} not found`);
        this.db
          .prepare(`INSERT INTO unknown_faces (${FACE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(
            String(face.id),
            groupId,
            String(face.cameraId),
            face.alertId === null ? null : String(face.alertId),
            face.box ? Number(face.box.x) : null,
            face.box ? Number(face.box.y) : null,
            face.box ? Number(face.box.width) : null,
            face.box ? Number(face.box.height) : null,
            String(face.imageKey),
            String(face.embedding.model),
            encodeEmbedding(face.embedding.vector),
            Number(face.quality),
            seenAt,
          );
        this.db.prepare(COUNT_FACE).run(seenAt, seenAt, String(face.cameraId), String(face.cameraId), groupId);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`unknown face ${face.id} already exists`);
      throw error;
    }
  }

  async listFaces(groupId: string, limit?: number): Promise<UnknownFace[]> {
    // LIMIT -1 is SQLite's "no limit".
    const max = limit === undefined ? -1 : Math.max(0, Math.trunc(limit));
    const rows = this.db.prepare(`SELECT ${FACE_COLUMNS} FROM unknown_faces WHERE group_id = ? ${NEWEST_FACES} LIMIT ?`).all(String(groupId), max);
    return (rows as FaceRow[]).map(toFace);
  }

  async listEmbeddings(model: string): Promise<{ faceId: string; groupId: string; vector: number[] }[]> {
    const rows = this.db
      .prepare('SELECT id, group_id, vector FROM unknown_faces WHERE model = ? ORDER BY group_id, seen_at, id')
      .all(String(model)) as Array<Pick<FaceRow, 'id' | 'group_id' | 'vector'>>;
    return rows.map((row) => ({ faceId: row.id, groupId: row.group_id, vector: decodeEmbedding(row.vector) }));
  }

  async delete(groupId: string): Promise<UnknownFace[]> {
    const id = String(groupId);
    return this.db.transaction(() => {
      const faces = (this.db.prepare(`SELECT ${FACE_COLUMNS} FROM unknown_faces WHERE group_id = ? ${NEWEST_FACES}`).all(id) as FaceRow[]).map(toFace);
      this.db.prepare('DELETE FROM unknown_faces WHERE group_id = ?').run(id);
      this.db.prepare('DELETE FROM unknown_groups WHERE id = ?').run(id);
      return faces;
    });
  }

  private groupRow(id: string): GroupRow | undefined {
    return this.db.prepare(`SELECT ${GROUP_COLUMNS} FROM unknown_groups WHERE id = ?`).get(id) as GroupRow | undefined;
  }
}

function toGroup(row: GroupRow): UnknownGroup {
  return {
    id: row.id,
    number: row.number,
    faceCount: row.face_count,
    firstSeen: new Date(row.first_seen),
    lastSeen: new Date(row.last_seen),
    cameraIds: JSON.parse(row.camera_ids) as string[],
  };
}

function toFace(row: FaceRow): UnknownFace {
  const face: UnknownFace = {
    id: row.id,
    groupId: row.group_id,
    cameraId: row.camera_id,
    alertId: row.alert_id,
    imageKey: row.image_key,
    embedding: { model: row.model, vector: decodeEmbedding(row.vector) },
    quality: row.quality,
    seenAt: new Date(row.seen_at),
  };
  if (row.box_x !== null && row.box_y !== null && row.box_width !== null && row.box_height !== null) {
    face.box = { x: row.box_x, y: row.box_y, width: row.box_width, height: row.box_height };
  }
  return face;
}
