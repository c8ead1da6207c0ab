import type { ClipWriter } from './recording-ports';

/** Detections keep extending a clip for at most this long after its first alert. */
export const MAX_EVENT_EXTENSION_MS = 5 * 60_000;

/**
 * The clip of an event being written: it began `preSeconds` before its first alert and ends
 * `postSeconds` after the event's last sign of life (a detection or another alert), which counts
 * for at most five minutes after the first alert. Alerts raised meanwhile share the clip.
 */
export class EventClip {
  readonly alertIds: string[];
  private lastActivity: number;

  constructor(
    readonly key: string,
    readonly writer: ClipWriter,
    alertId: string,
    private readonly alertAt: number,
    private postMs: number,
  ) {
    this.alertIds = [alertId];
    this.lastActivity = alertAt;
  }

  /** The clip ends with the first unit received after this time (ms). */
  get endsAt(): number {
    return Math.min(this.lastActivity, this.alertAt + MAX_EVENT_EXTENSION_MS) + this.postMs;
  }

  alert(alertId: string, at: number): void {
    if (!this.alertIds.includes(alertId)) this.alertIds.push(alertId);
    this.activity(at);
  }

  activity(at: number): void {
    if (at > this.lastActivity) this.lastActivity = at;
  }

  setPost(ms: number): void {
    this.postMs = ms;
  }
}
