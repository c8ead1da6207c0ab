import {
  ConflictError,
  type EnrolledEmbedding,
  type Face,
  type FaceEmbedding,
  type FaceRepository,
  type NegativeEmbedding,
} from '@argus/domain';
import type { Model } from 'mongoose';
import { fromStoredVector, toStoredVector } from './mongo-embeddings';
import { isDuplicateKeyError } from './mongo-errors';
import type { FaceDocument, FaceNegativeDocument, StoredEmbedding } from './people-schemas';

const OLDEST_FIRST = { createdAt: 1, _id: 1 } as const;

export class MongoFaceRepository implements FaceRepository {
  constructor(
    private readonly faces: Model<FaceDocument>,
    private readonly negatives: Model<FaceNegativeDocument>,
  ) {}

  async add(face: Face): Promise<void> {
    try {
      await this.faces.create({
        _id: String(face.id),
        personId: String(face.personId),
        box: { x: Number(face.box.x), y: Number(face.box.y), width: Number(face.box.width), height: Number(face.box.height) },
        quality: Number(face.quality),
        imageKey: String(face.imageKey),
        embeddings: withEmbedding([], ...face.embeddings),
        sourceAlertId: face.sourceAlertId === null ? null : String(face.sourceAlertId),
        createdAt: new Date(face.createdAt.getTime()),
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError(`face ${face.id} already exists`);
      throw error;
    }
  }

  async findById(id: string): Promise<Face | null> {
    const doc = await this.faces.findOne({ _id: String(id) }).lean<FaceDocument>().exec();
    return doc ? toFace(doc) : null;
  }

  async listByPerson(personId: string): Promise<Face[]> {
    const docs = await this.faces.find({ personId: String(personId) }).sort(OLDEST_FIRST).lean<FaceDocument[]>().exec();
    return docs.map(toFace);
  }

  async countByPerson(personIds: string[]): Promise<Map<string, number>> {
    const ids = [...new Set(personIds.map(String))];
    const counts = new Map(ids.map((id) => [id, 0]));
    if (ids.length === 0) return counts;
    const rows = await this.faces
      .aggregate<{ _id: string; n: number }>([{ $match: { personId: { $in: ids } } }, { $group: { _id: '$personId', n: { $sum: 1 } } }])
      .exec();
    for (const row of rows) counts.set(row._id, row.n);
    return counts;
  }

  async setEmbedding(faceId: string, embedding: FaceEmbedding): Promise<void> {
    const doc = await this.faces.findOne({ _id: String(faceId) }, { embeddings: 1 }).lean<Pick<FaceDocument, 'embeddings'>>().exec();
    if (!doc) return;
    // The model's vector is replaced where it stands; a new model is appended.
    await this.faces.updateOne({ _id: String(faceId) }, { $set: { embeddings: withEmbedding(doc.embeddings ?? [], embedding) } }).exec();
  }

  async listEmbeddings(model: string): Promise<EnrolledEmbedding[]> {
    const name = String(model);
    const docs = await this.faces
      .find({ 'embeddings.model': name }, { personId: 1, embeddings: 1 })
      .sort({ personId: 1, ...OLDEST_FIRST })
      .lean<Array<Pick<FaceDocument, '_id' | 'personId' | 'embeddings'>>>()
      .exec();
    return docs.flatMap((doc) => {
      const stored = doc.embeddings.find((e) => e.model === name);
      return stored ? [{ faceId: doc._id, personId: doc.personId, vector: fromStoredVector(stored.vector) }] : [];
    });
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.faces.deleteOne({ _id: String(id) }).exec();
    return result.deletedCount > 0;
  }

  async deleteByPerson(personId: string): Promise<Face[]> {
    const person = String(personId);
    const docs = await this.faces.find({ personId: person }).sort(OLDEST_FIRST).lean<FaceDocument[]>().exec();
    if (docs.length > 0) await this.faces.deleteMany({ _id: { $in: docs.map((doc) => doc._id) } }).exec();
    await this.negatives.deleteMany({ personId: person }).exec();
    return docs.map(toFace);
  }

  async addNegative(negative: NegativeEmbedding): Promise<void> {
    await this.negatives.create({
      personId: String(negative.personId),
      model: String(negative.model),
      vector: toStoredVector(negative.vector),
      alertId: negative.alertId === null ? null : String(negative.alertId),
      createdAt: new Date(negative.createdAt.getTime()),
    });
  }

  async listNegatives(model: string): Promise<NegativeEmbedding[]> {
    const docs = await this.negatives.find({ model: String(model) }).sort({ createdAt: 1, _id: 1 }).lean<FaceNegativeDocument[]>().exec();
    return docs.map((doc) => ({
      personId: doc.personId,
      model: doc.model,
      vector: fromStoredVector(doc.vector),
      alertId: doc.alertId ?? null,
      createdAt: doc.createdAt,
    }));
  }
}

/** The stored list with each given embedding replacing the one of its model, or appended. */
function withEmbedding(stored: StoredEmbedding[], ...embeddings: FaceEmbedding[]): StoredEmbedding[] {
  // Lean reads give the driver's Binary; re-encoding the decoded floats gives the same bytes.
  const list = stored.map((e) => ({ model: e.model, vector: toStoredVector(fromStoredVector(e.vector)) }));
  for (const embedding of embeddings) {
    const entry = { model: String(embedding.model), vector: toStoredVector(embedding.vector) };
    const at = list.findIndex((e) => e.model === entry.model);
    if (at >= 0) list[at] = entry;
    else list.push(entry);
  }
  return list;
}

function toFace(doc: FaceDocument): Face {
  return {
    id: doc._id,
    personId: doc.personId,
    box: { x: doc.box.x, y: doc.box.y, width: doc.box.width, height: doc.box.height },
    quality: doc.quality,
    imageKey: doc.imageKey,
    embeddings: (doc.embeddings ?? []).map((e) => ({ model: e.model, vector: fromStoredVector(e.vector) })),
    sourceAlertId: doc.sourceAlertId ?? null,
    createdAt: doc.createdAt,
  };
}
