import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SnapshotLinkClaims {
  key: string;
  userId: string;
  expiresAt: number;
}

const CLIP_KEY_PREFIX = 'clips/';
/** Where alert clips are served: `/api/clips/<cameraId>/<alertId>.mp4`, verified with the key `clips/…`. */
export const CLIP_LINK_PREFIX = '/api/clips/';

/**
 * Snapshot URLs an `<img>` can load without a header: signed for one user and a limited time.
 * The route also re-checks that this user may still see the camera, so a link stops working
 * when access is withdrawn. Alert clips get links of the same kind.
 */
export class SnapshotLinks {
  private readonly key: Buffer;

  constructor(secret: string, private readonly ttlMs = 6 * 3600_000, private readonly prefix = '/api/snapshots/') {
    this.key = createHmac('sha256', secret).update('argus snapshot links v1').digest();
  }

  urlFor(snapshotKey: string, userId: string, now = Date.now()): string {
    const exp = Math.floor((now + this.ttlMs) / 1000);
    const sig = this.sign(snapshotKey, userId, exp);
    // An alert's clip (`clips/<cameraId>/<alertId>.mp4`) is signed alike but served by its own route.
    const path = snapshotKey.startsWith(CLIP_KEY_PREFIX) ? `${CLIP_LINK_PREFIX}${snapshotKey.slice(CLIP_KEY_PREFIX.length)}` : `${this.prefix}${snapshotKey}`;
    return `${path}?u=${encodeURIComponent(userId)}&exp=${exp}&sig=${sig}`;
  }

  /** The claims of a valid, unexpired link; null otherwise. */
  verify(snapshotKey: string, userId: unknown, exp: unknown, sig: unknown, now = Date.now()): SnapshotLinkClaims | null {
    if (typeof userId !== 'string' || typeof exp !== 'string' || typeof sig !== 'string') return null;
    if (!/^\d{1,12}$/.test(exp) || !/^[\w-]{43}$/.test(sig)) return null;
    const expiresAt = Number(exp) * 1000;
    if (expiresAt < now) return null;
    const expected = Buffer.from(this.sign(snapshotKey, userId, Number(exp)));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return { key: snapshotKey, userId, expiresAt };
  }

  private sign(snapshotKey: string, userId: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${snapshotKey}\n${userId}\n${exp}`).digest('base64url');
  }
}
