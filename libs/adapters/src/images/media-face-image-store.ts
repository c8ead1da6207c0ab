import sharp from 'sharp';
import { MEDIA_STORE_UNAVAILABLE, UnavailableError, readMediaBytes, type BoundingBox, type FaceImageStore, type Frame, type MediaStore } from '@argus/domain';

/** `faces/<personId>/<faceId>.jpg`, `unknowns/<groupId>/<faceId>.jpg`, `alerts/<cameraId>/<alertId>.jpg` (faceCropKey, ...). */
const KEY = /^(faces|unknowns|alerts)\/([\w-]{1,100})\/([\w-]{1,100})\.jpg$/;

export interface FaceCropOptions {
  /** Added around the face box on each side, as a share of the box's size (the analyser re-finds the face in it). */
  margin: number;
  /** Crops longer than this on either side are scaled down. */
  maxSide: number;
  quality: number;
}

export const DEFAULT_FACE_CROP_OPTIONS: FaceCropOptions = { margin: 0.4, maxSide: 512, quality: 90 };

export function isFaceImageKey(key: unknown): key is string {
  return typeof key === 'string' && KEY.test(key);
}

/** The region to cut: the box grown by the margin, in whole pixels, inside the frame. */
export function cropRegion(frame: Pick<Frame, 'width' | 'height'>, box: BoundingBox, margin: number): { left: number; top: number; width: number; height: number } {
  const left = Math.max(0, Math.floor(box.x - box.width * margin));
  const top = Math.max(0, Math.floor(box.y - box.height * margin));
  const right = Math.min(frame.width, Math.ceil(box.x + box.width * (1 + margin)));
  const bottom = Math.min(frame.height, Math.ceil(box.y + box.height * (1 + margin)));
  if (right - left < 1 || bottom - top < 1) throw new Error('the face box lies outside the frame');
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * Face crops as JPEG in the media store (local disk or S3), under their own keys (`faces/…`,
 * `unknowns/…`, `alerts/…`): the file store keeps them at `DATA_DIR/media/<key>`. Keys are made by
 * the domain and checked against one strict pattern on every call, so no request can steer a path.
 */
export class MediaFaceImageStore implements FaceImageStore {
  constructor(private readonly media: MediaStore, private readonly options: FaceCropOptions = DEFAULT_FACE_CROP_OPTIONS) {}

  async saveCrop(key: string, frame: Frame, box: BoundingBox): Promise<void> {
    if (!isFaceImageKey(key)) throw new Error(`invalid face image key "${key}"`);
    const { width, height, channels, data } = frame;
    const pixels = Buffer.from(data.buffer, data.byteOffset, width * height * channels);
    const jpeg = await sharp(pixels, { raw: { width, height, channels } })
      .extract(cropRegion(frame, box, this.options.margin))
      .resize({ width: this.options.maxSide, height: this.options.maxSide, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .jpeg({ quality: this.options.quality })
      .toBuffer();
    await this.media.put(key, jpeg, 'image/jpeg');
  }

  async read(key: string): Promise<Uint8Array | null> {
    if (!isFaceImageKey(key)) return null;
    try {
      return await readMediaBytes(this.media, key);
    } catch {
      throw new UnavailableError(MEDIA_STORE_UNAVAILABLE); // answered 503, not 500
    }
  }

  /** A person's (or group's) folder goes with its last crop (the media store prunes emptied folders). */
  async delete(keys: string[]): Promise<void> {
    for (const key of keys) if (isFaceImageKey(key)) await this.media.delete(key);
  }

  async deleteForCamera(cameraId: string): Promise<void> {
    if (!/^[\w-]{1,100}$/.test(cameraId)) return;
    await this.media.deletePrefix(`alerts/${cameraId}/`);
  }
}
