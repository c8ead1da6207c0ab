import { ConflictError, isObjectLabel, type Alert, type AlertIdentity, type AlertListQuery, type AlertRepository } from '@argus/domain';
import type { Model, RootFilterQuery } from 'mongoose';
import { isDuplicateKeyError } from './mongo-errors';
import type { AlertDocument } from './schemas';

const NEWEST_FIRST = { timestamp: -1, _id: -1 } as const;

export class MongoAlertRepository implements AlertRepository {
  constructor(private readonly model: Model<AlertDocument>) {}

  async add(alert: Alert): Promise<void> {
    try {
      await this.model.create(toDocument(alert));
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError(`alert ${alert.alertId} already exists`);
      throw error;
    }
  }

  /** Adapter-level bulk insert (imports, benchmarks); not part of the port. */
  async addMany(alerts: readonly Alert[]): Promise<void> {
    try {
      await this.model.insertMany(alerts.map(toDocument), { ordered: true, lean: true });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError('an alert in the batch already exists');
      throw error;
    }
  }

  async findById(alertId: string): Promise<Alert | null> {
    const doc = await this.model.findOne({ _id: String(alertId) }).lean<AlertDocument>().exec();
    return doc ? toAlert(doc) : null;
  }

  async list(query: AlertListQuery): Promise<{ items: Alert[]; total: number }> {
    const cameraIds = query.cameraIds && [...new Set(query.cameraIds.map(String))];
    if (cameraIds?.length === 0) return { items: [], total: 0 };
    const filter = toFilter(cameraIds, query);
    const limit = Math.trunc(query.limit);
    // MongoDB reads limit 0 as "no limit"; the port means an empty page.
    const docs =
      limit > 0
        ? await this.model.find(filter).sort(NEWEST_FIRST).skip(Math.max(0, Math.trunc(query.offset))).limit(limit).lean<AlertDocument[]>().exec()
        : [];
    // Counting a million index keys is slow; the unfiltered total comes from collection metadata.
    const total = Object.keys(filter).length === 0 ? await this.model.estimatedDocumentCount().exec() : await this.model.countDocuments(filter).exec();
    return { items: docs.map(toAlert), total };
  }

  async deleteByCamera(cameraId: string): Promise<number> {
    const result = await this.model.deleteMany({ cameraId: String(cameraId) }).exec();
    return result.deletedCount;
  }

  async setIdentity(alertId: string, person: AlertIdentity | null, unknownId: string | null): Promise<void> {
    const set = { person: toIdentity(person), unknownId: unknownId === null ? null : String(unknownId) };
    await this.model.updateOne({ _id: String(alertId) }, { $set: set }).exec();
  }

  async clearPerson(personId: string): Promise<void> {
    await this.model.updateMany({ 'person.id': String(personId) }, { $set: { person: null } }).exec();
  }

  async nameUnknown(unknownId: string, person: AlertIdentity): Promise<void> {
    await this.model.updateMany({ unknownId: String(unknownId) }, { $set: { person: toIdentity(person), unknownId: null } }).exec();
  }

  async attachClip(alertId: string, clipKey: string | null): Promise<void> {
    await this.model.updateOne({ _id: String(alertId) }, { $set: { clipKey: clipKey === null ? null : String(clipKey) } }).exec();
  }
}

function toFilter(cameraIds: string[] | undefined, query: AlertListQuery): RootFilterQuery<AlertDocument> {
  const filter: RootFilterQuery<AlertDocument> = {};
  if (cameraIds) filter.cameraId = cameraIds.length === 1 ? cameraIds[0] : { $in: cameraIds };
  if (query.from !== undefined || query.to !== undefined) {
    const range: { $gte?: Date; $lte?: Date } = {};
    if (query.from !== undefined) range.$gte = new Date(query.from.getTime());
    if (query.to !== undefined) range.$lte = new Date(query.to.getTime());
    filter.timestamp = range;
  }
  if (query.personId !== undefined) filter['person.id'] = String(query.personId);
  // Unknown faces are recognised alerts naming nobody: person present and null. Alerts recognition
  // never saw (all from before identities) have no person field and are neither.
  if (query.unknown === true) filter.person = { $type: 'null' };
  if (query.unknown === false) filter['person.id'] = { $exists: true, ...(query.personId === undefined ? {} : { $eq: String(query.personId) }) };
  return filter;
}

function toDocument(alert: Alert): AlertDocument {
  const doc: AlertDocument = {
    _id: String(alert.alertId),
    cameraId: String(alert.cameraId),
    timestamp: new Date(alert.timestamp.getTime()),
    bbox: { x: Number(alert.bbox.x), y: Number(alert.bbox.y), width: Number(alert.bbox.width), height: Number(alert.bbox.height) },
    snapshotUrl: alert.snapshotUrl === null ? null : String(alert.snapshotUrl),
    snapshotKey: alert.snapshotKey === null ? null : String(alert.snapshotKey),
    meta: { ...alert.meta },
    createdAt: new Date(alert.createdAt.getTime()),
    kind: alert.kind === 'object' ? 'object' : 'face',
    zones: (alert.zones ?? []).map(String),
    label: alert.label ? String(alert.label) : null,
    clipKey: alert.clipKey ? String(alert.clipKey) : null,
  };
  // Written only when recognition ran, so "did not run" (no field) stays apart from "nobody" (null).
  if (alert.person !== undefined) doc.person = toIdentity(alert.person);
  if (alert.person !== undefined || (alert.unknownId !== undefined && alert.unknownId !== null)) {
    doc.unknownId = alert.unknownId === undefined || alert.unknownId === null ? null : String(alert.unknownId);
  }
  return doc;
}

function toIdentity(person: AlertIdentity | null): AlertIdentity | null {
  return person === null ? null : { id: String(person.id), name: String(person.name), similarity: Number(person.similarity) };
}

function toAlert(doc: AlertDocument): Alert {
  const alert: Alert = {
    alertId: doc._id,
    cameraId: doc.cameraId,
    timestamp: doc.timestamp,
    bbox: { x: doc.bbox.x, y: doc.bbox.y, width: doc.bbox.width, height: doc.bbox.height },
    snapshotUrl: doc.snapshotUrl ?? null,
    snapshotKey: doc.snapshotKey ?? null,
    meta: doc.meta,
    createdAt: doc.createdAt,
    kind: doc.kind === 'object' ? 'object' : 'face',
    zones: [...(doc.zones ?? [])],
  };
  if (doc.label && isObjectLabel(doc.label)) alert.label = doc.label;
  if (doc.clipKey) alert.clipKey = doc.clipKey;
  // Alerts recognition did not see (all from before identities) have neither field.
  if (doc.person !== undefined) alert.person = doc.person ? { id: doc.person.id, name: doc.person.name, similarity: doc.person.similarity } : null;
  if (doc.unknownId !== undefined) alert.unknownId = doc.unknownId;
  return alert;
}
