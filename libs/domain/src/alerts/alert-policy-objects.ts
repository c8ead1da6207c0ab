import type { ObjectBox, ObjectLabel } from '../detection/object-detector';
import { iou, type BoundingBox } from './bounding-box';

export interface ObjectAlertPolicyOptions {
  /** Boxes of the same label overlapping at least this much (IoU) are the same object in consecutive object frames. */
  matchIou: number;
  /** Object frames in a row an object must be seen in before it counts (a one-frame false positive never alerts). */
  confirmHits: number;
  /** Object frames in a row a confirmed object may be missed before it counts as gone (a flicker never re-alerts). */
  maxMisses: number;
  /** After an alert for a label, that label stays quiet on the camera this long. */
  cooldownMs: number;
}

export const DEFAULT_OBJECT_ALERT_POLICY: ObjectAlertPolicyOptions = { matchIou: 0.3, confirmHits: 2, maxMisses: 3, cooldownMs: 10_000 };

export interface ObjectAlertDecision {
  trackId: number;
  label: ObjectLabel;
  /** The track's box in this frame. */
  box: BoundingBox;
  score: number;
  /** Objects of this label in this frame. */
  objects: number;
}

interface ObjectTrack {
  id: number;
  label: ObjectLabel;
  box: BoundingBox;
  score: number;
  /** Object frames in a row it was seen in (counts up to confirmation). */
  hits: number;
  /** Object frames in a row it was missed in. */
  misses: number;
  confirmed: boolean;
  alerted: boolean;
}

/**
 * Turns each object frame's objects into object alerts, per label, with hysteresis: an object is
 * tracked across object frames by IoU with boxes of its label; it counts once seen in `confirmHits`
 * frames in a row, and a counted object is gone only after `maxMisses` frames in a row without it,
 * so a parked car the detector sometimes misses raises one alert, not one per flicker. A track
 * raises one alert; after an alert its label is quiet on the camera for `cooldownMs`, and an
 * object of that label that arrived meanwhile alerts when the cooldown ends, if still there.
 *
 * Works on object frames, not time: frames come at the camera's object rate (fewer while nothing
 * moves), and a track lives as long as the frames keep seeing it.
 */
export class ObjectAlertPolicy {
  private tracks: ObjectTrack[] = [];
  private nextId = 1;
  private readonly quietUntil = new Map<ObjectLabel, number>();

  constructor(private readonly options: ObjectAlertPolicyOptions = DEFAULT_OBJECT_ALERT_POLICY) {}

  get activeTracks(): number {
    return this.tracks.length;
  }

  /** Feeds one object frame (time = capture time, ms); returns the alerts to raise, at most one per label. */
  update(objects: readonly ObjectBox[], now: number): ObjectAlertDecision[] {
    this.track(objects);
    const decisions: ObjectAlertDecision[] = [];
    const seen = this.tracks.filter((t) => t.confirmed && t.misses === 0);
    for (const label of new Set(seen.map((t) => t.label))) {
      if (now < (this.quietUntil.get(label) ?? 0)) continue;
      const ofLabel = seen.filter((t) => t.label === label);
      const due = ofLabel.filter((t) => !t.alerted).sort((a, b) => b.score - a.score)[0];
      if (!due) continue;
      // One alert covers the scene: every counted object of the label in this frame has alerted.
      for (const t of ofLabel) t.alerted = true;
      this.quietUntil.set(label, now + this.options.cooldownMs);
      decisions.push({ trackId: due.id, label, box: { ...due.box }, score: due.score, objects: objects.filter((o) => o.label === label).length });
    }
    return decisions;
  }

  /** Forgets the tracks of labels no longer asked for (a label asked for again starts afresh). */
  retain(labels: readonly ObjectLabel[]): void {
    this.tracks = this.tracks.filter((t) => labels.includes(t.label));
  }

  /** Forgets every track (frames that follow come after a pause); cooldowns stay. */
  reset(): void {
    this.tracks = [];
  }

  private track(objects: readonly ObjectBox[]): void {
    const pairs: Array<{ track: ObjectTrack; object: ObjectBox; overlap: number }> = [];
    for (const track of this.tracks) {
      for (const object of objects) {
        if (object.label !== track.label) continue;
        const overlap = iou(track.box, object);
        if (overlap >= this.options.matchIou) pairs.push({ track, object, overlap });
      }
    }
    // Best overlaps first: each track and each object is matched at most once.
    pairs.sort((a, b) => b.overlap - a.overlap);
    const matchedTracks = new Set<ObjectTrack>();
    const matchedObjects = new Set<ObjectBox>();
    for (const { track, object } of pairs) {
      if (matchedTracks.has(track) || matchedObjects.has(object)) continue;
      matchedTracks.add(track);
      matchedObjects.add(object);
      track.box = boxOf(object);
      track.score = object.score;
      track.hits++;
      track.misses = 0;
      if (track.hits >= this.options.confirmHits) track.confirmed = true;
    }
    for (const track of this.tracks) {
      if (matchedTracks.has(track)) continue;
      track.hits = 0;
      track.misses++;
    }
    // An object not counted yet is dropped at its first miss; a counted one after maxMisses.
    this.tracks = this.tracks.filter((t) => t.misses === 0 || (t.confirmed && t.misses < this.options.maxMisses));
    for (const object of objects) {
      if (matchedObjects.has(object)) continue;
      const confirmed = this.options.confirmHits <= 1;
      this.tracks.push({ id: this.nextId++, label: object.label, box: boxOf(object), score: object.score, hits: 1, misses: 0, confirmed, alerted: false });
    }
  }
}

const boxOf = (b: BoundingBox): BoundingBox => ({ x: b.x, y: b.y, width: b.width, height: b.height });
