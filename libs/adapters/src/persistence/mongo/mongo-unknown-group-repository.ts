import { ConflictError, NotFoundError, type UnknownFace, type UnknownGroup, type UnknownGroupRepository } from '@argus/domain';
import type { Model } from 'mongoose';
import { fromStoredVector, toStoredVector } from './mongo-embeddings';
import { isDuplicateKeyError } from './mongo-errors';
import type { CounterDocument, UnknownFaceDocument, UnknownGroupDocument } from './people-schemas';

/** The counter the group numbers come from: incremented for every group, never reset. */
const GROUP_NUMBERS = 'unknown_groups';
const NEWEST_FACES = { seenAt: -1, _id: -1 } as const;

export interface UnknownGroupModels {
  groups: Model<UnknownGroupDocument>;
  faces: Model<UnknownFaceDocument>;
  counters: Model<CounterDocument>;
}

export class MongoUnknownGroupRepository implements UnknownGroupRepository {
  constructor(private readonly models: UnknownGroupModels) {}

  async create(group: Omit<UnknownGroup, 'number'>): Promise<UnknownGroup> {
    const counter = await this.models.counters
      .findOneAndUpdate({ _id: GROUP_NUMBERS }, { $inc: { value: 1 } }, { upsert: true, new: true })
      .lean<CounterDocument>()
      .exec();
    const doc: UnknownGroupDocument = {
      _id: String(group.id),
      number: counter.value,
      faceCount: Math.max(0, Math.trunc(Number(group.faceCount))),
      firstSeen: new Date(group.firstSeen.getTime()),
      lastSeen: new Date(group.lastSeen.getTime()),
      cameraIds: [...new Set(group.cameraIds.map(String))],
    };
    try {
      await this.models.groups.create(doc);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError(`unknown group ${group.id} already exists`);
      throw error;
    }
    return toGroup(doc);
  }

  async findById(id: string): Promise<UnknownGroup | null> {
    const doc = await this.models.groups.findOne({ _id: String(id) }).lean<UnknownGroupDocument>().exec();
    return doc ? toGroup(doc) : null;
  }

  async list(offset: number, limit: number): Promise<{ items: UnknownGroup[]; total: number }> {
    const max = Math.trunc(limit);
    // MongoDB reads limit 0 as "no limit"; the port means an empty page.
    const docs =
      max > 0
        ? await this.models.groups
            .find({})
            .sort({ lastSeen: -1, number: -1 })
            .skip(Math.max(0, Math.trunc(offset)))
            .limit(max)
            .lean<UnknownGroupDocument[]>()
            .exec()
        : [];
    const total = await this.models.groups.countDocuments({}).exec();
    return { items: docs.map(toGroup), total };
  }

  async addFace(face: UnknownFace): Promise<void> {
    const groupId = String(face.groupId);
    if ((await this.models.groups.exists({ _id: groupId }).exec()) === null) throw new NotFoundError(`unknown group ${groupId} not found`);
    const seenAt = new Date(face.seenAt.getTime());
    try {
      await this.models.faces.create({
        _id: String(face.id),
        groupId,
        cameraId: String(face.cameraId),
        alertId: face.alertId === null ? null : String(face.alertId),
        box: face.box ? { x: Number(face.box.x), y: Number(face.box.y), width: Number(face.box.width), height: Number(face.box.height) } : null,
        imageKey: String(face.imageKey),
        embedding: { model: String(face.embedding.model), vector: toStoredVector(face.embedding.vector) },
        quality: Number(face.quality),
        seenAt,
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError(`unknown face ${face.id} already exists`);
      throw error;
    }
    await this.models.groups
      .updateOne(
        { _id: groupId },
        { $inc: { faceCount: 1 }, $min: { firstSeen: seenAt }, $max: { lastSeen: seenAt }, $addToSet: { cameraIds: String(face.cameraId) } },
      )
      .exec();
  }

  async listFaces(groupId: string, limit?: number): Promise<UnknownFace[]> {
    const query = this.models.faces.find({ groupId: String(groupId) }).sort(NEWEST_FACES);
    if (limit !== undefined) {
      const max = Math.trunc(limit);
      if (max <= 0) return [];
      query.limit(max);
    }
    return (await query.lean<UnknownFaceDocument[]>().exec()).map(toFace);
  }

  async listEmbeddings(model: string): Promise<{ faceId: string; groupId: string; vector: number[] }[]> {
    const docs = await this.models.faces
      .find({ 'embedding.model': String(model) }, { groupId: 1, embedding: 1 })
      .sort({ groupId: 1, seenAt: 1, _id: 1 })
      .lean<Array<Pick<UnknownFaceDocument, '_id' | 'groupId' | 'embedding'>>>()
      .exec();
    return docs.map((doc) => ({ faceId: doc._id, groupId: doc.groupId, vector: fromStoredVector(doc.embedding.vector) }));
  }

  async delete(groupId: string): Promise<UnknownFace[]> {
    const id = String(groupId);
    const faces = await this.listFaces(id);
    if (faces.length > 0) await this.models.faces.deleteMany({ _id: { $in: faces.map((face) => face.id) } }).exec();
    await this.models.groups.deleteOne({ _id: id }).exec();
    return faces;
  }
}

function toGroup(doc: UnknownGroupDocument): UnknownGroup {
  return {
    id: doc._id,
    number: doc.number,
    faceCount: doc.faceCount,
    firstSeen: doc.firstSeen,
    lastSeen: doc.lastSeen,
    cameraIds: [...(doc.cameraIds ?? [])],
  };
}

function toFace(doc: UnknownFaceDocument): UnknownFace {
  const face: UnknownFace = {
    id: doc._id,
    groupId: doc.groupId,
    cameraId: doc.cameraId,
    alertId: doc.alertId ?? null,
    imageKey: doc.imageKey,
    embedding: { model: doc.embedding.model, vector: fromStoredVector(doc.embedding.vector) },
    quality: doc.quality,
    seenAt: doc.seenAt,
  };
  if (doc.box) face.box = { x: doc.box.x, y: doc.box.y, width: doc.box.width, height: doc.box.height };
  return face;
}
