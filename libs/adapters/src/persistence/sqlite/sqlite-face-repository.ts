import {
  ConflictError,
  type EnrolledEmbedding,
  type Face,
  type FaceEmbedding,
  type FaceRepository,
  type NegativeEmbedding,
} from '@argus/domain';
import { decodeEmbedding, encodeEmbedding } from '../embedding-codec';
import type { SqliteDatabase } from './sqlite-database';
import { isUniqueViolation } from './sqlite-errors';

interface FaceRow {
  id: string;
  person_id: string;
  box_x: number;
  box_y: number;
  box_width: number;
  box_height: number;
  quality: number;
  image_key: string;
  source_alert_id: string | null;
  created_at: number;
}

interface EmbeddingRow {
  face_id: string;
  model: string;
  vector: ArrayBuffer;
}

const COLUMNS = 'id, person_id, box_x, box_y, box_width, box_height, quality, image_key, source_alert_id, created_at';
const OLDEST_FIRST = 'ORDER BY created_at, id';
/** Replaces a face's vector of one model in place (its position among the face's models stays). */
const UPSERT_EMBEDDING =
  'INSERT INTO face_embeddings (face_id, model, vector) VALUES (?, ?, ?) ON CONFLICT (face_id, model) DO UPDATE SET vector = excluded.vector';

export class SqliteFaceRepository implements FaceRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async add(face: Face): Promise<void> {
    try {
      this.db.transaction(() => {
        this.db
          .prepare(`INSERT INTO faces (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(
            String(face.id),
            String(face.personId),
            Number(face.box.x),
            Number(face.box.y),
            Number(face.box.width),
            Number(face.box.height),
            Number(face.quality),
            String(face.imageKey),
            face.sourceAlertId === null ? null : String(face.sourceAlertId),
            face.createdAt.getTime(),
          );
        for (const embedding of face.embeddings) this.putEmbedding(String(face.id), embedding);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`face ${face.id} already exists`);
      throw error;
    }
  }

  async findById(id: string): Promise<Face | null> {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM faces WHERE id = ?`).get(String(id)) as FaceRow | undefined;
    return row ? this.withEmbeddings([row])[0] : null;
  }

  async listByPerson(personId: string): Promise<Face[]> {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM faces WHERE person_id = ? ${OLDEST_FIRST}`).all(String(personId));
    return this.withEmbeddings(rows as FaceRow[]);
  }

  async countByPerson(personIds: string[]): Promise<Map<string, number>> {
    const ids = [...new Set(personIds.map(String))];
    const counts = new Map(ids.map((id) => [id, 0]));
    if (ids.length === 0) return counts;
    const rows = this.db
      .prepare('SELECT person_id, COUNT(*) AS n FROM faces WHERE person_id IN (SELECT value FROM json_each(?)) GROUP BY person_id')
      .all(JSON.stringify(ids)) as Array<{ person_id: string; n: number }>;
    for (const row of rows) counts.set(row.person_id, row.n);
    return counts;
  }

  async setEmbedding(faceId: string, embedding: FaceEmbedding): Promise<void> {
    this.db.transaction(() => {
      // Only a face that exists gets an embedding (the foreign key would refuse it anyway).
      if (this.db.prepare('SELECT 1 FROM faces WHERE id = ?').get(String(faceId)) !== undefined) this.putEmbedding(String(faceId), embedding);
    });
  }

  async listEmbeddings(model: string): Promise<EnrolledEmbedding[]> {
    const rows = this.db
      .prepare(
        `SELECT e.face_id, f.person_id, e.vector FROM face_embeddings e JOIN faces f ON f.id = e.face_id
         WHERE e.model = ? ORDER BY f.person_id, f.created_at, f.id`,
      )
      .all(String(model)) as Array<{ face_id: string; person_id: string; vector: ArrayBuffer }>;
    return rows.map((row) => ({ faceId: row.face_id, personId: row.person_id, vector: decodeEmbedding(row.vector) }));
  }

  async delete(id: string): Promise<boolean> {
    // The face's embeddings go with it (ON DELETE CASCADE).
    return this.db.prepare('DELETE FROM faces WHERE id = ?').run(String(id)).changes > 0;
  }

  async deleteByPerson(personId: string): Promise<Face[]> {
    return this.db.transaction(() => {
      const rows = this.db.prepare(`SELECT ${COLUMNS} FROM faces WHERE person_id = ? ${OLDEST_FIRST}`).all(String(personId)) as FaceRow[];
      const faces = this.withEmbeddings(rows);
      this.db.prepare('DELETE FROM faces WHERE person_id = ?').run(String(personId));
      this.db.prepare('DELETE FROM face_negatives WHERE person_id = ?').run(String(personId));
      return faces;
    });
  }

  async addNegative(negative: NegativeEmbedding): Promise<void> {
    this.db
      .prepare('INSERT INTO face_negatives (person_id, model, vector, alert_id, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(
        String(negative.personId),
        String(negative.model),
        encodeEmbedding(negative.vector),
        negative.alertId === null ? null : String(negative.alertId),
        negative.createdAt.getTime(),
      );
  }

  async listNegatives(model: string): Promise<NegativeEmbedding[]> {
    const rows = this.db
      .prepare('SELECT person_id, model, vector, alert_id, created_at FROM face_negatives WHERE model = ? ORDER BY created_at, rowid')
      .all(String(model)) as Array<{ person_id: string; model: string; vector: ArrayBuffer; alert_id: string | null; created_at: number }>;
    return rows.map((row) => ({
      personId: row.person_id,
      model: row.model,
      vector: decodeEmbedding(row.vector),
      alertId: row.alert_id,
      createdAt: new Date(row.created_at),
    }));
  }

  private putEmbedding(faceId: string, embedding: FaceEmbedding): void {
    this.db.prepare(UPSERT_EMBEDDING).run(faceId, String(embedding.model), encodeEmbedding(embedding.vector));
  }

  /** Loads the embeddings of every face given in one query. */
  private withEmbeddings(rows: FaceRow[]): Face[] {
    if (rows.length === 0) return [];
    const embeddings = new Map<string, FaceEmbedding[]>(rows.map((row) => [row.id, []]));
    const embeddingRows = this.db
      .prepare('SELECT face_id, model, vector FROM face_embeddings WHERE face_id IN (SELECT value FROM json_each(?)) ORDER BY rowid')
      .all(JSON.stringify(rows.map((row) => row.id))) as EmbeddingRow[];
    for (const row of embeddingRows) embeddings.get(row.face_id)?.push({ model: row.model, vector: decodeEmbedding(row.vector) });
    return rows.map((row) => toFace(row, embeddings.get(row.id) ?? []));
  }
}

function toFace(row: FaceRow, embeddings: FaceEmbedding[]): Face {
  return {
    id: row.id,
    personId: row.person_id,
    box: { x: row.box_x, y: row.box_y, width: row.box_width, height: row.box_height },
    quality: row.quality,
    imageKey: row.image_key,
    embeddings,
    sourceAlertId: row.source_alert_id,
    createdAt: new Date(row.created_at),
  };
}
