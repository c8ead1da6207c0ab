import { createHmac } from 'node:crypto';
import { SnapshotLinks } from '../snapshots/snapshot-links';

/** Where signed face crop links point: `/api/media/<key>` (`faces/…` or `unknowns/…`). */
export const FACE_IMAGE_LINK_PREFIX = '/api/media/';

/**
 * Face crops for `<img>`: links signed for one user and a limited time, like snapshot links but with
 * a key of their own (a snapshot link's signature never opens a face crop, nor the other way round).
 */
export class FaceImageLinks extends SnapshotLinks {
  constructor(secret: string, ttlMs = 3600_000) {
    super(createHmac('sha256', secret).update('argus face image links v1').digest('base64url'), ttlMs, FACE_IMAGE_LINK_PREFIX);
  }
}
