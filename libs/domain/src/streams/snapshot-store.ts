import type { BoundingBox } from '../alerts/bounding-box';
import type { DecodedFrame } from './frame-decoder';

/** Keeps alert snapshots; keys are chosen by the store, never by a request. */
export interface SnapshotStore {
  save(cameraId: string, jpeg: Uint8Array): Promise<string>;
  /** null when the key is unknown or malformed. */
  read(key: string): Promise<Uint8Array | null>;
  deleteForCamera(cameraId: string): Promise<void>;
}

/** Renders a frame to JPEG with the face boxes drawn on it (asynchronously: encoding is not for the event loop). */
export interface SnapshotRenderer {
  render(frame: DecodedFrame, boxes: BoundingBox[]): Promise<Uint8Array>;
}
