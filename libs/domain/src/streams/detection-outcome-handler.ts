import type { AlertPolicy, FaceAlertDecision } from '../alerts/alert-policy';
import type { Camera } from '../cameras/camera';
import type { FaceBox } from '../detection/face-detector';
import type { CameraRuntimeDeps } from './camera-runtime-deps';
import type { DetectionOutcome } from './detection-scheduler';
import type { DecodedFrame } from './frame-decoder';

export type DetectionOutcomeDeps = Pick<CameraRuntimeDeps, 'publisher' | 'live' | 'alerts' | 'snapshots' | 'renderer' | 'log'>;

/**
 * What one camera does with a finished detection: the boxes go to viewers (as detections and to
 * the live view), the alert policy tracks the faces, and when it decides on an alert the alert is
 * recorded with a snapshot of the frame. Kept apart from the session, which only decides whether
 * an outcome still counts (the camera open, detection on).
 */
export class DetectionOutcomeHandler {
  private handled = 0;
  private recorded = 0;

  /** `camera`: the session's current copy of the camera; `policy`: shared with motion gating. */
  constructor(
    private readonly camera: () => Camera,
    private readonly policy: AlertPolicy,
    private readonly deps: DetectionOutcomeDeps,
  ) {}

  /** Outcomes handled. */
  get processed(): number {
    return this.handled;
  }

  /** Alerts recorded. */
  get alerts(): number {
    return this.recorded;
  }

  handle({ frame, result }: DetectionOutcome): void {
    const cameraId = this.camera().id;
    this.handled++;
    this.deps.publisher.publishDetections({
      cameraId,
      ts: new Date(frame.capturedAt).toISOString(),
      pts90k: frame.pts90k,
      frameWidth: frame.width,
      frameHeight: frame.height,
      boxes: result.faces.map(roundBox),
    });
    // A live view that draws the boxes into the video gets every result, an empty one included.
    this.deps.live?.detections?.(cameraId, {
      frameWidth: frame.width,
      frameHeight: frame.height,
      capturedAt: frame.capturedAt,
      pts90k: frame.pts90k,
      boxes: result.faces.map((face) => ({ ...face })),
    });
    const decision = this.policy.update(result.faces, frame.capturedAt);
    if (decision) void this.raise(frame, decision, result.faces);
  }

  private async raise(frame: DecodedFrame, decision: FaceAlertDecision, faces: FaceBox[]): Promise<void> {
    try {
      const key = await this.snapshot(frame, faces);
      await this.deps.alerts.record(this.camera(), {
        timestamp: new Date(frame.capturedAt),
        bbox: roundBox(decision.box),
        snapshotUrl: null,
        snapshotKey: key,
        meta: { score: round3(decision.score), frameWidth: frame.width, frameHeight: frame.height, faces: decision.faces, trackId: decision.trackId },
      });
      this.recorded++;
    } catch (e) {
      this.deps.log.warn(`camera ${this.camera().id}: alert not recorded: ${String(e)}`);
    }
  }

  /** An alert without its picture is better than no alert: a failed snapshot only loses the picture. */
  private async snapshot(frame: DecodedFrame, faces: FaceBox[]): Promise<string | null> {
    try {
      return await this.deps.snapshots.save(this.camera().id, await this.deps.renderer.render(frame, faces));
    } catch (e) {
      this.deps.log.warn(`camera ${this.camera().id}: snapshot not saved: ${String(e)}`);
      return null;
    }
  }
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const roundBox = <T extends { x: number; y: number; width: number; height: number }>(b: T): T => ({
  ...b,
  x: Math.round(b.x),
  y: Math.round(b.y),
  width: Math.round(b.width),
  height: Math.round(b.height),
  ...('score' in b ? { score: round3((b as unknown as { score: number }).score) } : {}),
});
