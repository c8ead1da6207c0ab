import type { BoundingBox } from '../alerts/bounding-box';
import type { Frame } from '../detection/face-detector';

/** Keeps face crops (JPEG) in the media store, under keys the domain chooses (see faceCropKey). */
export interface FaceImageStore {
  /** Cuts `box` (with a margin around it) out of the frame, encodes it as JPEG and stores it under `key`. */
  saveCrop(key: string, frame: Frame, box: BoundingBox): Promise<void>;
  /** null when nothing is stored under the key. */
  read(key: string): Promise<Uint8Array | null>;
  /** Deletes these crops; unknown keys are ignored. */
  delete(keys: string[]): Promise<void>;
  /** Deletes the faces kept with a camera's alerts (alertFaceCropKey), when the camera goes. */
  deleteForCamera(cameraId: string): Promise<void>;
}

/** Decodes a stored JPEG or PNG (an alert snapshot) into a frame the analyser reads. */
export interface ImageDecoder {
  decode(image: Uint8Array): Promise<Frame>;
}

export function faceCropKey(personId: string, faceId: string): string {
  return `faces/${personId}/${faceId}.jpg`;
}

export function unknownFaceCropKey(groupId: string, faceId: string): string {
  return `unknowns/${groupId}/${faceId}.jpg`;
}

/**
 * The clean face of an alert (no boxes drawn on it, unlike the snapshot), kept when recognition
 * raised the alert: enrolling or correcting from the alert reads this face.
 */
export function alertFaceCropKey(cameraId: string, alertId: string): string {
  return `alerts/${cameraId}/${alertId}.jpg`;
}
