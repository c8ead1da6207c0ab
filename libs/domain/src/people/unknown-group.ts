import type { BoundingBox } from '../alerts/bounding-box';
import type { FaceEmbedding } from './face-analyser';

/** A face seen by cameras, kept in an unknown group (never an enrolled person's). */
export interface UnknownFace {
  id: string;
  groupId: string;
  cameraId: string;
  alertId: string | null;
  /** Where the face was in the camera's frame (kept when the face joins a person). */
  box?: BoundingBox;
  /** Key of the face crop in the media store. */
  imageKey: string;
  embedding: FaceEmbedding;
  quality: number;
  seenAt: Date;
}

/** Faces that match nobody, grouped online by similarity across every camera: one group per stranger. */
export interface UnknownGroup {
  id: string;
  /** Shown as "Unknown #n"; increases with each new group. */
  number: number;
  faceCount: number;
  firstSeen: Date;
  lastSeen: Date;
  cameraIds: string[];
}

export interface UnknownGroupView {
  id: string;
  number: number;
  faceCount: number;
  firstSeen: string;
  lastSeen: string;
  cameraIds: string[];
  sampleUrls: string[];
}
