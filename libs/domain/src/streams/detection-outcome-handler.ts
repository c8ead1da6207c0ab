import type { Alert } from '../alerts/alert';
import type { AlertPolicy, FaceAlertDecision } from '../alerts/alert-policy';
import { scaleBox } from '../alerts/bounding-box';
import type { Camera } from '../cameras/camera';
import type { FaceBox } from '../detection/face-detector';
import type { ObjectBox } from '../detection/object-detector';
import { alerting, placeBox, unmasked } from '../zones/zone-filter';
import type { CameraRuntimeDeps } from './camera-runtime-deps';
import { round3, roundBox } from './box-rounding';
import type { DetectionOutcome } from './detection-scheduler';
import type { DecodedFrame } from './frame-decoder';
import { IdentifiedAlerts, type AlertIdentityFields } from './identified-alerts';

export type DetectionOutcomeDeps = Pick<CameraRuntimeDeps, 'publisher' | 'live' | 'alerts' | 'snapshots' | 'renderer' | 'log' | 'recognition'>;

/** The size of the camera's own picture, before it was scaled down for detection. */
export interface SourceSize {
  width: number;
  height: number;
}

/** The camera's latest objects, sent along with each face result (see ObjectDetections). */
export interface LatestObjects {
  latest(frame: DecodedFrame): ObjectBox[];
}

/**
 * What one camera does with a finished detection: the boxes go to viewers (as detections and to
 * the live view), the alert policy tracks the faces, and when it decides on an alert the alert is
 * recorded with a snapshot of the frame. Kept apart from the session, which only decides whether
 * an outcome still counts (the camera open, detection on).
 *
 * Detections (and the live view) are in the processed frame's pixels, with that frame's size. An
 * alert's `bbox` and `meta.frameWidth/frameHeight` are in the camera's own pixels (`source`, once
 * the stream said its size); its snapshot is the processed frame.
 *
 * The camera's masks and zones apply here, read from the camera on every outcome (so a change
 * holds from the next frame): a face whose box centre lies in a mask is dropped everywhere (no
 * detection, no live-view box, no alert); with zones, only faces centred inside one reach the alert
 * policy, and the alert names the zones its face is in.
 *
 * Each `detections` event also carries the camera's latest object result (`objects`), which comes
 * from its own, slower lane.
 */
export class DetectionOutcomeHandler {
  private handled = 0;
  private recorded = 0;
  /** Recognition on: who each face track is decides its alert. */
  private readonly identified: IdentifiedAlerts | null;

  /** `camera`: the session's current copy of the camera; `policy`: shared with motion gating. */
  constructor(
    private readonly camera: () => Camera,
    private readonly policy: AlertPolicy,
    private readonly deps: DetectionOutcomeDeps,
    private readonly source: () => SourceSize | null = () => null,
    private readonly objects: LatestObjects | null = null,
  ) {
    const recognition = deps.recognition;
    this.identified = recognition
      ? new IdentifiedAlerts(camera, policy, { publisher: deps.publisher, log: deps.log, recognition }, (frame, track, faces, identity) =>
          this.raise(frame, { trackId: track.trackId, box: track.box, score: track.score, faces: faces.length }, faces, identity),
        )
      : null;
  }

  /** Outcomes handled. */
  get processed(): number {
    return this.handled;
  }

  /** Alerts recorded. */
  get alerts(): number {
    return this.recorded;
  }

  handle({ frame, result }: DetectionOutcome): void {
    const camera = this.camera();
    const cameraId = camera.id;
    const zones = camera.zones ?? [];
    const faces = unmasked(result.faces, frame.width, frame.height, zones);
    const candidates = alerting(faces, frame.width, frame.height, zones);
    this.handled++;
    this.deps.publisher.publishDetections({
      cameraId,
      ts: new Date(frame.capturedAt).toISOString(),
      pts90k: frame.pts90k,
      frameWidth: frame.width,
      frameHeight: frame.height,
      boxes: faces.map(roundBox),
      objects: this.objects?.latest(frame) ?? [],
    });
    // A live view that draws the boxes into the video gets every result, an empty one included.
    this.deps.live?.detections?.(cameraId, {
      frameWidth: frame.width,
      frameHeight: frame.height,
      capturedAt: frame.capturedAt,
      pts90k: frame.pts90k,
      boxes: faces.map((face) => ({ ...face })),
    });
    if (this.identified) {
      this.identified.handle(frame, candidates);
      return;
    }
    const decision = this.policy.update(candidates, frame.capturedAt);
    if (decision) void this.raise(frame, decision, faces);
  }

  /** Resolves once the identity work started so far is done (nothing to wait for with recognition off). */
  async idle(): Promise<void> {
    await this.identified?.idle();
  }

  private async raise(frame: DecodedFrame, decision: FaceAlertDecision, faces: FaceBox[], identity?: AlertIdentityFields): Promise<Alert | null> {
    try {
      const key = await this.snapshot(frame, faces);
      const source = this.source() ?? { width: frame.width, height: frame.height };
      const sx = source.width / frame.width;
      const sy = source.height / frame.height;
      const camera = this.camera();
      const alert = await this.deps.alerts.record(camera, {
        timestamp: new Date(frame.capturedAt),
        kind: 'face',
        zones: placeBox(decision.box, frame.width, frame.height, camera.zones ?? []).zones,
        bbox: roundBox(scaleBox(decision.box, sx, sy)),
        snapshotUrl: null,
        snapshotKey: key,
        meta: { score: round3(decision.score), frameWidth: source.width, frameHeight: source.height, faces: decision.faces, trackId: decision.trackId },
        ...identity,
      });
      this.recorded++;
      return alert;
    } catch (e) {
      this.deps.log.warn(`camera ${this.camera().id}: alert not recorded: ${String(e)}`);
      return null;
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
