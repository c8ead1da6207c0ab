import { CAMERA_STATUSES, RECORDING_MODES, ROLES, ZONE_KINDS, type AlertIdentity, type AlertMeta } from '@argus/domain';
import { Schema } from 'mongoose';

export const USER_MODEL = 'User';
export const CAMERA_MODEL = 'Camera';
export const ALERT_MODEL = 'Alert';

/**
 * Shared options: no `__v`, no implicit timestamps (the domain sets them), unknown filter paths
 * dropped (`strictQuery`), and no background index/collection creation — `ensureMongoIndexes`
 * builds the indexes once, awaited, at start-up.
 */
export function schemaOptions(collection: string) {
  return { collection, versionKey: false, strict: true, strictQuery: true, autoIndex: false, autoCreate: false, minimize: false } as const;
}

export interface UserDocument {
  _id: string;
  username: string;
  /** Lower-cased, NFC-normalised username: what uniqueness and look-ups use. */
  usernameKey: string;
  role: string;
  passwordHash: string;
  mustChangePassword?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const UserSchema = new Schema<UserDocument>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true },
    usernameKey: { type: String, required: true },
    role: { type: String, required: true, enum: [...ROLES] },
    passwordHash: { type: String, required: true },
    mustChangePassword: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  schemaOptions('users'),
);
UserSchema.index({ usernameKey: 1 }, { unique: true, name: 'username_key_unique' });
UserSchema.index({ createdAt: 1, _id: 1 }, { name: 'created_order' });

export interface CameraDocument {
  _id: string;
  name: string;
  location: string;
  rtspUrl: string;
  enabled: boolean;
  detectionEnabled: boolean;
  fps: number;
  status: string;
  lastError: string | null;
  ownerId: string;
  viewerIds: string[];
  /** Absent on cameras stored before zones: read as none. */
  zones?: Array<{ name: string; kind: string; points: number[][] }>;
  /** The next fields are absent on cameras stored before them: no objects, default recording, none. */
  objects?: string[];
  recording?: { mode: string; preSeconds: number; postSeconds: number } | null;
  detectRtspUrl?: string | null;
  workerLabel?: string | null;
  node?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A mask or zone: `points` is an array of [x, y] pairs from 0 to 1. */
function CameraZoneSchema() {
  return new Schema(
    {
      name: { type: String, required: true },
      kind: { type: String, required: true, enum: [...ZONE_KINDS] },
      points: { type: [[Number]], required: true },
    },
    { _id: false, versionKey: false },
  );
}

export const CameraSchema = new Schema<CameraDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    location: { type: String, default: '' },
    rtspUrl: { type: String, required: true },
    enabled: { type: Boolean, required: true },
    detectionEnabled: { type: Boolean, required: true },
    fps: { type: Number, required: true },
    status: { type: String, required: true, enum: [...CAMERA_STATUSES] },
    lastError: { type: String, default: null },
    ownerId: { type: String, required: true },
    viewerIds: { type: [String], default: [] },
    zones: { type: [CameraZoneSchema()], default: [] },
    objects: { type: [String], default: [] },
    recording: {
      type: new Schema(
        {
          mode: { type: String, required: true, enum: [...RECORDING_MODES] },
          preSeconds: { type: Number, required: true },
          postSeconds: { type: Number, required: true },
        },
        { _id: false, versionKey: false },
      ),
      default: null,
    },
    detectRtspUrl: { type: String, default: null },
    workerLabel: { type: String, default: null },
    node: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  schemaOptions('cameras'),
);
CameraSchema.index({ ownerId: 1 }, { name: 'owner' });
CameraSchema.index({ viewerIds: 1 }, { name: 'viewers' });
CameraSchema.index({ createdAt: 1, _id: 1 }, { name: 'created_order' });

export interface AlertDocument {
  _id: string;
  cameraId: string;
  timestamp: Date;
  bbox: { x: number; y: number; width: number; height: number };
  snapshotUrl: string | null;
  snapshotKey: string | null;
  meta: AlertMeta;
  createdAt: Date;
  /** Absent when recognition did not run (every alert stored before identities); null: nobody. */
  person?: AlertIdentity | null;
  unknownId?: string | null;
  /** Absent on alerts stored before kinds and zones: a face in no zone. */
  kind?: string;
  zones?: string[];
  /** Object alerts only. */
  label?: string | null;
  clipKey?: string | null;
}

export const BoundingBoxSchema = new Schema(
  {
    x: { type: Number, required: true },
    y: { type: Number, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
  },
  { _id: false, versionKey: false },
);

const AlertIdentitySchema = new Schema(
  {
    id: { type: String, required: true },
    name: { type: String, required: true },
    similarity: { type: Number, required: true },
  },
  { _id: false, versionKey: false },
);

export const AlertSchema = new Schema<AlertDocument>(
  {
    _id: { type: String, required: true },
    cameraId: { type: String, required: true },
    timestamp: { type: Date, required: true },
    bbox: { type: BoundingBoxSchema, required: true },
    snapshotUrl: { type: String, default: null },
    snapshotKey: { type: String, default: null },
    meta: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    // No defaults: an absent field means recognition did not run, which null would hide.
    person: { type: AlertIdentitySchema, default: undefined },
    unknownId: { type: String, default: undefined },
    kind: { type: String, enum: ['face', 'object'], default: 'face' },
    zones: { type: [String], default: [] },
    label: { type: String, default: null },
    clipKey: { type: String, default: null },
  },
  schemaOptions('alerts'),
);
// The listing sorts on (timestamp, _id): with _id in the index the sort is read from it, even
// for ties; an index on timestamp alone would make MongoDB sort every matching alert in memory.
AlertSchema.index({ cameraId: 1, timestamp: -1, _id: -1 }, { name: 'camera_newest' });
AlertSchema.index({ timestamp: -1, _id: -1 }, { name: 'newest' });
// `personId=` lists one person's alerts newest first, read from the index.
AlertSchema.index({ 'person.id': 1, timestamp: -1, _id: -1 }, { name: 'person_newest' });
