import { Schema } from 'mongoose';
import { BoundingBoxSchema, schemaOptions } from './schemas';

export const PERSON_MODEL = 'Person';
export const FACE_MODEL = 'Face';
export const FACE_NEGATIVE_MODEL = 'FaceNegative';
export const UNKNOWN_GROUP_MODEL = 'UnknownGroup';
export const UNKNOWN_FACE_MODEL = 'UnknownFace';
export const COUNTER_MODEL = 'Counter';

/** Embedding vectors are stored as BSON binary: little-endian float32 (see embedding-codec). */
export interface StoredEmbedding {
  model: string;
  vector: Buffer;
}

export interface PersonDocument {
  _id: string;
  name: string;
  /** Lower-cased, NFC-normalised name: what uniqueness, look-ups, search and order use. */
  nameKey: string;
  alert: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const PersonSchema = new Schema<PersonDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    alert: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  schemaOptions('persons'),
);
// Also the listing's order (nameKey, then _id, which is unique anyway).
PersonSchema.index({ nameKey: 1 }, { unique: true, name: 'name_key_unique' });

const EmbeddingSchema = new Schema(
  {
    model: { type: String, required: true },
    vector: { type: Buffer, required: true },
  },
  { _id: false, versionKey: false },
);

export interface FaceDocument {
  _id: string;
  personId: string;
  box: { x: number; y: number; width: number; height: number };
  quality: number;
  imageKey: string;
  embeddings: StoredEmbedding[];
  sourceAlertId: string | null;
  createdAt: Date;
}

export const FaceSchema = new Schema<FaceDocument>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true },
    box: { type: BoundingBoxSchema, required: true },
    quality: { type: Number, required: true },
    imageKey: { type: String, required: true },
    embeddings: { type: [EmbeddingSchema], default: [] },
    sourceAlertId: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  schemaOptions('faces'),
);
FaceSchema.index({ personId: 1, createdAt: 1, _id: 1 }, { name: 'person_oldest' });
FaceSchema.index({ 'embeddings.model': 1 }, { name: 'embedding_model' });

export interface FaceNegativeDocument {
  personId: string;
  model: string;
  vector: Buffer;
  alertId: string | null;
  createdAt: Date;
}

export const FaceNegativeSchema = new Schema<FaceNegativeDocument>(
  {
    personId: { type: String, required: true },
    model: { type: String, required: true },
    vector: { type: Buffer, required: true },
    alertId: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  schemaOptions('face_negatives'),
);
FaceNegativeSchema.index({ model: 1, createdAt: 1, _id: 1 }, { name: 'model_oldest' });
FaceNegativeSchema.index({ personId: 1 }, { name: 'person' });

export interface UnknownGroupDocument {
  _id: string;
  number: number;
  faceCount: number;
  firstSeen: Date;
  lastSeen: Date;
  cameraIds: string[];
}

export const UnknownGroupSchema = new Schema<UnknownGroupDocument>(
  {
    _id: { type: String, required: true },
    number: { type: Number, required: true },
    faceCount: { type: Number, required: true },
    firstSeen: { type: Date, required: true },
    lastSeen: { type: Date, required: true },
    cameraIds: { type: [String], default: [] },
  },
  schemaOptions('unknown_groups'),
);
UnknownGroupSchema.index({ number: 1 }, { unique: true, name: 'number_unique' });
UnknownGroupSchema.index({ lastSeen: -1, number: -1 }, { name: 'last_seen' });

export interface UnknownFaceDocument {
  _id: string;
  groupId: string;
  cameraId: string;
  alertId: string | null;
  box?: { x: number; y: number; width: number; height: number } | null;
  imageKey: string;
  embedding: StoredEmbedding;
  quality: number;
  seenAt: Date;
}

export const UnknownFaceSchema = new Schema<UnknownFaceDocument>(
  {
    _id: { type: String, required: true },
    groupId: { type: String, required: true },
    cameraId: { type: String, required: true },
    alertId: { type: String, default: null },
    box: { type: BoundingBoxSchema, default: null },
    imageKey: { type: String, required: true },
    embedding: { type: EmbeddingSchema, required: true },
    quality: { type: Number, required: true },
    seenAt: { type: Date, required: true },
  },
  schemaOptions('unknown_faces'),
);
UnknownFaceSchema.index({ groupId: 1, seenAt: -1, _id: -1 }, { name: 'group_newest' });
UnknownFaceSchema.index({ 'embedding.model': 1 }, { name: 'embedding_model' });

/** Named sequences (the unknown group numbers): incremented atomically, never decremented. */
export interface CounterDocument {
  _id: string;
  value: number;
}

export const CounterSchema = new Schema<CounterDocument>(
  {
    _id: { type: String, required: true },
    value: { type: Number, required: true },
  },
  schemaOptions('counters'),
);
