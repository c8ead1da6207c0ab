import type { FaceBox } from '../detection/face-detector';
import { iou, type BoundingBox } from './bounding-box';

export interface AlertPolicyOptions {
  /** Boxes overlapping at least this much (IoU) are the same face in consecutive frames. */
  matchIou: number;
  /** Detections before a track counts as a real face (one-frame false positives never alert). */
  confirmHits: number;
  /**
   * A track not seen for this long is gone, once a detected frame of the camera has missed it: a
   * face seen in the camera's last detected frame is still in view, however long ago that was (a
   * busy detector may serve a camera less often than this), so its next frame can confirm it.
   */
  trackTtlMs: number;
  /** After an alert, the camera stays quiet this long ("same scene"). */
  cooldownMs: number;
}

export const DEFAULT_ALERT_POLICY: AlertPolicyOptions = { matchIou: 0.3, confirmHits: 2, trackTtlMs: 2000, cooldownMs: 10_000 };

export interface FaceAlertDecision {
  trackId: number;
  /** The track's box in this frame. */
  box: BoundingBox;
  score: number;
  /** Faces in this frame. */
  faces: number;
}

/** A confirmed face track seen in the frame just observed (recognition decides whether it alerts). */
export interface ObservedTrack {
  trackId: number;
  box: BoundingBox;
  score: number;
  /** The track has already alerted, or its alert was decided against. */
  settled: boolean;
}

interface Track {
  id: number;
  box: BoundingBox;
  score: number;
  hits: number;
  lastSeen: number;
  /** Number of the last frame that matched this track. */
  lastFrame: number;
  alerted: boolean;
}

/**
 * Turns per-frame detections into alerts: faces are tracked across frames by IoU, a track
 * raises one alert once confirmed, and a per-camera cooldown keeps a lingering scene from
 * repeating. A face that arrives during the cooldown alerts when it ends, if still there.
 */
export class AlertPolicy {
  private tracks: Track[] = [];
  private nextId = 1;
  private quietUntil = 0;
  private frameNo = 0;

  constructor(private readonly options: AlertPolicyOptions = DEFAULT_ALERT_POLICY) {}

  get activeTracks(): number {
    return this.tracks.length;
  }

  /**
   * True when the next frame, captured at `now`, may raise an alert: a face is in view that has
   * not alerted (seen once, or held back by a cooldown that is over by then). Worth detecting soon.
   */
  awaitingConfirmation(now: number): boolean {
    if (now < this.quietUntil) return false;
    return this.tracks.some((t) => !t.alerted && this.inView(t, now, this.frameNo));
  }

  /** Feed one processed frame's faces (time = capture time, ms); returns the alert to raise, if any. */
  update(faces: FaceBox[], now: number): FaceAlertDecision | null {
    this.track(faces, now);
    if (now < this.quietUntil) return null;
    const due = this.tracks
      .filter((t) => !t.alerted && t.hits >= this.options.confirmHits && t.lastFrame === this.frameNo)
      .sort((a, b) => b.score - a.score)[0];
    if (!due) return null;
    // One alert covers the scene: every confirmed face in it counts as alerted.
    for (const t of this.tracks) if (t.hits >= this.options.confirmHits && t.lastFrame === this.frameNo) t.alerted = true;
    this.quietUntil = now + this.options.cooldownMs;
    return { trackId: due.id, box: due.box, score: due.score, faces: faces.length };
  }

  /**
   * Recognition's way in: tracks the frame's faces like `update` but decides nothing; returns the
   * confirmed tracks seen in this frame. The caller settles each track (`settle`) once it knows who it is.
   */
  observe(faces: FaceBox[], now: number): ObservedTrack[] {
    this.track(faces, now);
    return this.tracks
      .filter((t) => t.hits >= this.options.confirmHits && t.lastFrame === this.frameNo)
      .map((t) => ({ trackId: t.id, box: { ...t.box }, score: t.score, settled: t.alerted }));
  }

  /** The camera is inside its cooldown at `now`. */
  quiet(now: number): boolean {
    return now < this.quietUntil;
  }

  /** Whether the track is still in view (not expired, not reset). */
  hasTrack(trackId: number): boolean {
    return this.tracks.some((t) => t.id === trackId);
  }

  /** The track needs no more alert; `alerted`: it raised one, which starts the camera's cooldown. */
  settle(trackId: number, alerted: boolean, now: number): void {
    const track = this.tracks.find((t) => t.id === trackId);
    if (track) track.alerted = true;
    if (alerted) this.quietUntil = Math.max(this.quietUntil, now + this.options.cooldownMs);
  }

  /**
   * Forgets the tracks (the frames that follow come at another rate, or after a pause). The
   * cooldown stays: a setting change must not let the same scene alert again at once.
   */
  reset(): void {
    this.tracks = [];
  }

  private track(faces: FaceBox[], now: number): void {
    const previous = this.frameNo++;
    this.tracks = this.tracks.filter((t) => this.inView(t, now, previous));
    for (const face of faces) this.assign(face, now);
  }

  /** Seen within the ttl, or in the frame detected last (no frame has shown it gone since). */
  private inView(track: Track, now: number, lastFrame: number): boolean {
    return now - track.lastSeen <= this.options.trackTtlMs || track.lastFrame === lastFrame;
  }

  private assign(face: FaceBox, now: number): void {
    let best: Track | null = null;
    let bestIou = this.options.matchIou;
    for (const t of this.tracks) {
      if (t.lastFrame === this.frameNo) continue; // already matched in this frame
      const overlap = iou(t.box, face);
      if (overlap >= bestIou) {
        best = t;
        bestIou = overlap;
      }
    }
    const box = { x: face.x, y: face.y, width: face.width, height: face.height };
    if (best) {
      best.box = box;
      best.score = face.score;
      best.hits++;
      best.lastSeen = now;
      best.lastFrame = this.frameNo;
    } else {
      this.tracks.push({ id: this.nextId++, box, score: face.score, hits: 1, lastSeen: now, lastFrame: this.frameNo, alerted: false });
    }
  }
}
