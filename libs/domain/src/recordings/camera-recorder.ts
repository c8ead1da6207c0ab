import { DEFAULT_RECORDING, copyRecording, type CameraRecording } from '../cameras/camera-recording';
import type { EncodedVideoUnit } from '../streams/encoded-video';
import { EventClip } from './event-clip';
import { PreRoll } from './pre-roll';
import { clipKey, type ClipStore, type SegmentStore, type SegmentWriter } from './recording-ports';

export interface RecorderOptions {
  /** Continuous segments are cut at the first keyframe after this long. */
  segmentMs: number;
  /** Pre-roll kept beyond `preSeconds`, for alerts that are raised a while after their frame (recognition). */
  alertDelayMs: number;
  /** After a failed write (other than a full disk), recording of the camera resumes this much later. */
  retryMs: number;
}

export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = { segmentMs: 5000, alertDelayMs: 10_000, retryMs: 10_000 };

/** A camera's video drifting this far past the wall clock (a stall, lost frames) re-anchors the next segment. */
const MAX_DRIFT_MS = 2000;

export interface CameraRecorderDeps {
  segments: SegmentStore;
  clips: ClipStore;
  options: RecorderOptions;
  /** A clip is stored under `key`: it belongs to these alerts. */
  clipStored(cameraId: string, key: string, alertIds: string[]): void;
  /** A segment or clip write failed (the recorder decides what a full disk stops). */
  writeFailed(cameraId: string, error: Error): void;
  warn(message: string): void;
}

interface OpenSegment {
  writer: SegmentWriter;
  startAt: number;
  firstPts: number;
}

/**
 * What one camera records, fed with the H.264 units of its stream as they arrive: a pre-roll in
 * memory, the event clip under way (from `preSeconds` before an alert to `postSeconds` after the
 * event), and in `continuous` mode back-to-back segments cut at keyframes. Settings apply live.
 * Nothing here waits on a disk: writers queue, and report failures back.
 */
export class CameraRecorder {
  private recording: CameraRecording | null = null;
  private readonly preRoll = new PreRoll();
  private segment: OpenSegment | null = null;
  private clip: EventClip | null = null;
  private streaming = false;
  private blocked: string | null = null;
  private error: string | null = null;
  private retryAt = 0;
  /**
   * Capture time of the newest detection with a face. An alert is raised a while after its frame
   * (detection, recognition, the snapshot): what was detected meanwhile is the event going on.
   */
  private lastActivity: number | null = null;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(readonly cameraId: string, private readonly deps: CameraRecorderDeps) {
    this.configure(DEFAULT_RECORDING, false);
  }

  get mode(): CameraRecording['mode'] {
    return (this.recording ?? DEFAULT_RECORDING).mode;
  }

  /** Why this camera does not record although it should; null when it does (or is not meant to). */
  get recordingError(): string | null {
    if (this.mode === 'off') return null;
    return this.blocked ?? this.error;
  }

  /** Bytes of video held in memory for clips. */
  get preRollBytes(): number {
    return this.preRoll.bytes;
  }

  configure(recording: CameraRecording, given = true): void {
    const settings = copyRecording(recording);
    if (given) this.recording = settings;
    this.preRoll.setKeep(settings.mode === 'off' ? 0 : settings.preSeconds * 1000 + this.deps.options.alertDelayMs);
    if (settings.mode === 'off') {
      this.preRoll.clear();
      this.finishClip();
    }
    if (settings.mode !== 'continuous') this.closeSegment();
    this.clip?.setPost(settings.postSeconds * 1000);
  }

  /** The camera's stream (re)connected. */
  started(): void {
    this.streaming = true;
  }

  /** The stream ended (stop, reconnect, shutdown): the segment and clip under way end cleanly here. */
  stopped(): void {
    this.streaming = false;
    this.closeSegment();
    this.finishClip();
    this.preRoll.clear();
    this.lastActivity = null;
  }

  unit(unit: EncodedVideoUnit): void {
    if (!this.streaming || this.mode === 'off') return;
    this.preRoll.push(unit);
    if (this.clip) {
      if (unit.receivedAt > this.clip.endsAt) this.finishClip();
      else this.clip.writer.write(unit);
    }
    if (this.mode === 'continuous') this.feedSegment(unit);
  }

  /** An alert of this camera: starts a clip, or joins (and extends) the one under way. */
  alert(alertId: string, timestamp: Date): void {
    if (!this.streaming || this.mode === 'off') return;
    const at = timestamp.getTime();
    if (this.clip) {
      this.clip.alert(alertId, at);
      return;
    }
    const newest = this.preRoll.newest;
    if (this.blocked || newest === null) return;
    const { preSeconds, postSeconds } = this.recording ?? DEFAULT_RECORDING;
    const alertAt = Math.min(at, newest);
    // An alert older than the pre-roll (an outside worker's late alert): its video is gone.
    if (alertAt < newest - preSeconds * 1000 - this.deps.options.alertDelayMs) return;
    const units = this.preRoll.from(alertAt - preSeconds * 1000);
    const key = clipKey(this.cameraId, alertId);
    const writer = this.deps.clips.begin(key, (error) => this.failed(error, null));
    for (const unit of units) writer.write(unit);
    this.clip = new EventClip(key, writer, alertId, alertAt, postSeconds * 1000);
    if (this.lastActivity !== null) this.clip.activity(this.lastActivity);
    this.error = null;
  }

  /** Detections on this camera (the event goes on). */
  activity(at: number): void {
    if (this.lastActivity === null || at > this.lastActivity) this.lastActivity = at;
    this.clip?.activity(at);
  }

  /** Recording stops for every camera (a full disk): the segment and clip under way end. Lifted, it resumes afresh. */
  block(reason: string | null): void {
    this.blocked = reason;
    if (reason) {
      this.closeSegment();
      this.finishClip();
    } else {
      this.error = null;
      this.retryAt = 0;
    }
  }

  /** Resolves once every file handed over so far is closed or stored (shutdown, tests). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private feedSegment(unit: EncodedVideoUnit): void {
    const open = this.segment;
    if (open && !(unit.keyframe && unit.receivedAt - open.startAt >= this.deps.options.segmentMs)) {
      open.writer.write(unit);
      return;
    }
    if (!unit.keyframe) return; // a segment starts at a keyframe
    const startAt = open ? this.nextStart(open, unit) : unit.receivedAt;
    this.closeSegment(unit.pts90k);
    if (this.blocked || unit.receivedAt < this.retryAt) return;
    const segment: Partial<OpenSegment> = { startAt, firstPts: unit.pts90k };
    const writer = this.deps.segments.begin(this.cameraId, unit, startAt, (error) => this.failed(error, segment));
    if (!writer) return;
    segment.writer = writer;
    this.segment = segment as OpenSegment;
    this.error = null;
  }

  /** The next segment follows the last one on the camera's clock, unless the video fell behind the wall clock. */
  private nextStart(open: OpenSegment, unit: EncodedVideoUnit): number {
    const expected = open.startAt + Math.round((unit.pts90k - open.firstPts) / 90);
    return unit.receivedAt > expected + MAX_DRIFT_MS ? unit.receivedAt : expected;
  }

  private closeSegment(nextPts?: number): void {
    const open = this.segment;
    this.segment = null;
    if (open) this.track(open.writer.close(nextPts), 'closing a segment');
  }

  private finishClip(): void {
    const clip = this.clip;
    this.clip = null;
    if (!clip) return;
    this.track(
      clip.writer.finish().then((stored) => {
        if (stored) this.deps.clipStored(this.cameraId, clip.key, [...clip.alertIds]);
      }),
      'storing a clip',
    );
  }

  /** A write failed: a failed segment ends (the next one is tried a little later); a failed clip stores nothing. */
  private failed(error: Error, segment: Partial<OpenSegment> | null): void {
    this.error = `recording failed: ${error.message}`;
    if (segment) {
      this.retryAt = (this.preRoll.newest ?? 0) + this.deps.options.retryMs;
      if (this.segment === segment) this.closeSegment();
    }
    this.deps.writeFailed(this.cameraId, error);
  }

  private track(work: Promise<unknown>, what: string): void {
    const task = work.catch((error: unknown) => this.deps.warn(`camera ${this.cameraId}: ${what} failed: ${String(error)}`)).finally(() => this.pending.delete(task));
    this.pending.add(task);
  }
}
