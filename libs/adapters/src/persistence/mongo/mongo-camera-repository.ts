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
import type { Model, RootFilterQuery } from 'mongoose';
import { isDuplicateKeyError } from './mongo-errors';
import type { CameraDocument } from './schemas';

const OLDEST_FIRST = { createdAt: 1, _id: 1 } as const;

export class MongoCameraRepository implements CameraRepository {
  constructor(private readonly model: Model<CameraDocument>) {}

  async create(camera: Camera): Promise<void> {
    try {
      await this.model.create({
        _id: String(camera.id),
        name: String(camera.name),
        location: String(camera.location),
        rtspUrl: String(camera.rtspUrl),
        enabled: Boolean(camera.enabled),
        detectionEnabled: Boolean(camera.detectionEnabled),
        fps: Number(camera.fps),
        status: String(camera.status),
        lastError: camera.lastError === null ? null : String(camera.lastError),
        ownerId: String(camera.ownerId),
        viewerIds: uniqueStrings(camera.viewerIds),
        zones: toZoneDocuments(camera.zones ?? []),
        objects: (camera.objects ?? []).map(String),
        recording: toRecordingDocument(copyRecording(camera.recording)),
        detectRtspUrl: nullableString(camera.detectRtspUrl),
        workerLabel: nullableString(camera.workerLabel),
        node: nullableString(camera.node),
        createdAt: new Date(camera.createdAt.getTime()),
        updatedAt: new Date(camera.updatedAt.getTime()),
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError(`camera ${camera.id} already exists`);
      throw error;
    }
  }

  async findById(id: string): Promise<Camera | null> {
    const doc = await this.model.findOne({ _id: String(id) }).lean<CameraDocument>().exec();
    return doc ? toCamera(doc) : null;
  }

  async list(query: CameraListQuery): Promise<{ items: Camera[]; total: number }> {
    const filter: RootFilterQuery<CameraDocument> = {};
    if (query.visibleToUserId !== undefined) Object.assign(filter, visibleTo(query.visibleToUserId));
    if (query.enabled !== undefined) filter.enabled = Boolean(query.enabled);
    const limit = Math.trunc(query.limit);
    // MongoDB reads limit 0 as "no limit"; the port means an empty page.
    const items =
      limit > 0
        ? await this.model.find(filter).sort(OLDEST_FIRST).skip(Math.max(0, Math.trunc(query.offset))).limit(limit).lean<CameraDocument[]>().exec()
        : [];
    const total = await this.model.countDocuments(filter).exec();
    return { items: items.map(toCamera), total };
  }

  async listIdsVisibleTo(userId: string): Promise<string[]> {
    const docs = await this.model.find(visibleTo(userId), { _id: 1 }).sort(OLDEST_FIRST).lean<Array<{ _id: string }>>().exec();
    return docs.map((doc) => doc._id);
  }

  async listAll(): Promise<Camera[]> {
    const docs = await this.model.find({}).sort(OLDEST_FIRST).lean<CameraDocument[]>().exec();
    return docs.map(toCamera);
  }

  async update(id: string, patch: CameraPatch): Promise<Camera | null> {
    const set = toSet(patch);
    if (Object.keys(set).length === 0) return this.findById(id);
    const doc = await this.model
      .findOneAndUpdate({ _id: String(id) }, { $set: set }, { new: true, runValidators: true })
      .lean<CameraDocument>()
      .exec();
    return doc ? toCamera(doc) : null;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.model.deleteOne({ _id: String(id) }).exec();
    return result.deletedCount > 0;
  }

  async removeViewerEverywhere(userId: string): Promise<number> {
    const viewer = String(userId);
    const result = await this.model.updateMany({ viewerIds: viewer }, { $pull: { viewerIds: viewer } }).exec();
    return result.modifiedCount;
  }

  async listOwnedBy(userId: string): Promise<Camera[]> {
    const docs = await this.model.find({ ownerId: String(userId) }).sort(OLDEST_FIRST).lean<CameraDocument[]>().exec();
    return docs.map(toCamera);
  }
}

function visibleTo(userId: string): RootFilterQuery<CameraDocument> {
  const user = String(userId);
  return { $or: [{ ownerId: user }, { viewerIds: user }] };
}

/** Each patchable field, cast to its stored type; nothing else from the patch reaches MongoDB. */
function toSet(patch: CameraPatch): Partial<CameraDocument> {
  const set: Partial<CameraDocument> = {};
  if (patch.name !== undefined) set.name = String(patch.name);
  if (patch.location !== undefined) set.location = String(patch.location);
  if (patch.rtspUrl !== undefined) set.rtspUrl = String(patch.rtspUrl);
  if (patch.enabled !== undefined) set.enabled = Boolean(patch.enabled);
  if (patch.detectionEnabled !== undefined) set.detectionEnabled = Boolean(patch.detectionEnabled);
  if (patch.fps !== undefined) set.fps = Number(patch.fps);
  if (patch.status !== undefined) set.status = String(patch.status);
  if (patch.lastError !== undefined) set.lastError = patch.lastError === null ? null : String(patch.lastError);
  if (patch.ownerId !== undefined) set.ownerId = String(patch.ownerId);
  if (patch.viewerIds !== undefined) set.viewerIds = uniqueStrings(patch.viewerIds);
  if (patch.zones !== undefined) set.zones = toZoneDocuments(patch.zones);
  if (patch.objects !== undefined) set.objects = patch.objects.map(String);
  if (patch.recording !== undefined) set.recording = toRecordingDocument(patch.recording);
  if (patch.detectRtspUrl !== undefined) set.detectRtspUrl = nullableString(patch.detectRtspUrl);
  if (patch.workerLabel !== undefined) set.workerLabel = nullableString(patch.workerLabel);
  if (patch.node !== undefined) set.node = nullableString(patch.node);
  if (patch.updatedAt !== undefined) set.updatedAt = new Date(patch.updatedAt.getTime());
  return set;
}

function toRecordingDocument(recording: CameraRecording): NonNullable<CameraDocument['recording']> {
  return { mode: String(recording.mode), preSeconds: Number(recording.preSeconds), postSeconds: Number(recording.postSeconds) };
}

function nullableString(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Only the fields of a zone reach MongoDB, with their stored types. */
function toZoneDocuments(zones: readonly CameraZone[]): NonNullable<CameraDocument['zones']> {
  return zones.map((z) => ({ name: String(z.name), kind: String(z.kind), points: z.points.map(([x, y]) => [Number(x), Number(y)]) }));
}

/** A user named twice is one viewer; the first mention keeps its place. */
function uniqueStrings(values: readonly string[]): string[] {
  return [...new Set(values.map(String))];
}

function toCamera(doc: CameraDocument): Camera {
  if (!(CAMERA_STATUSES as readonly string[]).includes(doc.status)) throw new Error(`camera ${doc._id} has an unknown status`);
  return {
    id: doc._id,
    name: doc.name,
    location: doc.location,
    rtspUrl: doc.rtspUrl,
    enabled: doc.enabled,
    detectionEnabled: doc.detectionEnabled,
    fps: doc.fps,
    status: doc.status as CameraStatus,
    lastError: doc.lastError ?? null,
    ownerId: doc.ownerId,
    viewerIds: [...(doc.viewerIds ?? [])],
    zones: (doc.zones ?? []).map((z) => ({ name: z.name, kind: z.kind as CameraZone['kind'], points: z.points.map(([x, y]) => [x, y] as [number, number]) })),
    objects: (doc.objects ?? []).filter(isObjectLabel) as ObjectLabel[],
    recording: copyRecording(doc.recording ? (doc.recording as CameraRecording) : undefined),
    detectRtspUrl: doc.detectRtspUrl ?? null,
    workerLabel: doc.workerLabel ?? null,
    node: doc.node ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
