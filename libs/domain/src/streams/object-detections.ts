import type { Alert } from '../alerts/alert';
import { ObjectAlertPolicy, type ObjectAlertDecision } from '../alerts/alert-policy-objects';
import { scaleBox } from '../alerts/bounding-box';
import type { Camera } from '../cameras/camera';
import type { ObjectBox, ObjectLabel } from '../detection/object-detector';
import { alerting, placeBox, unmasked } from '../zones/zone-filter';
import { round3, roundBox } from './box-rounding';
import { DEFAULT_OBJECT_DETECTION, type CameraRuntimeDeps, type ObjectDetectionSettings } from './camera-runtime-deps';
import type { SourceSize } from './detection-outcome-handler';
import type { DecodedFrame } from './frame-decoder';
import type { ObjectOutcome } from './object-lane';

export type ObjectDetectionsDeps = Pick<CameraRuntimeDeps, 'scheduler' | 'alerts' | 'snapshots' | 'renderer' | 'log'>;

interface LatestResult {
  capturedAt: number;
  width: number;
  height: number;
  objects: ObjectBox[];
}

/** The latest object result rides along with face results for at least this long (ms). */
const MIN_HOLD_MS = 2500;

/**
 * One camera's objects: for a camera that asks for object labels (`Camera.objects`), it takes at
 * most `fps` of the frames the motion gate passes to the object lane of the detection scheduler,
 * drops objects centred in a mask, keeps the result for the camera's `detections` events, lets the
 * camera's zones gate them as they gate faces, tracks them per label (`ObjectAlertPolicy`) and
 * records an object alert — kind `object`, its label, a snapshot with that label's boxes, the box
 * in the camera's own pixels — when a track is confirmed. No recognition step.
 *
 * Labels, masks and zones are read from the camera on every frame: a change holds from the next one.
 */
export class ObjectDetections {
  private readonly policy: ObjectAlertPolicy;
  private nextDue: number | null = null;
  private latestResult: LatestResult | null = null;
  private handled = 0;
  private recorded = 0;

  /** `active`: whether a result still counts when it arrives (the camera open, detection on). */
  constructor(
    private readonly camera: () => Camera,
    private readonly deps: ObjectDetectionsDeps,
    private readonly settings: ObjectDetectionSettings = DEFAULT_OBJECT_DETECTION,
    private readonly source: () => SourceSize | null = () => null,
    active: () => boolean = () => true,
  ) {
    this.policy = new ObjectAlertPolicy(settings.policy);
    deps.scheduler.registerObjects(camera().id, (outcome) => {
      if (active()) this.handle(outcome);
    });
  }

  /** Object frames handled. */
  get processed(): number {
    return this.handled;
  }

  /** Object alerts recorded. */
  get alerts(): number {
    return this.recorded;
  }

  /** A frame the motion gate passed: it becomes an object frame when the camera asks for objects and one is due. */
  offer(frame: DecodedFrame): void {
    const labels = this.labels();
    if (labels.length === 0 || !this.deps.scheduler.detectsObjects || !this.due(frame.capturedAt)) return;
    // Its own pixels: the face detection of the same frame may take the original's away.
    this.deps.scheduler.offerObjects(this.camera().id, { ...frame, data: frame.data.slice() }, labels);
  }

  /** The objects to show with a face result of `frame`: the latest object result, unless stale or of another size. */
  latest(frame: DecodedFrame): ObjectBox[] {
    const latest = this.latestResult;
    if (!latest || this.labels().length === 0) return [];
    if (latest.width !== frame.width || latest.height !== frame.height) return [];
    if (frame.capturedAt - latest.capturedAt > this.holdMs()) return [];
    return latest.objects.map((o) => ({ ...o }));
  }

  /** The frames that follow come at another rate or after a pause: tracks and the last result go (cooldowns stay). */
  reset(): void {
    this.policy.reset();
    this.nextDue = null;
    this.latestResult = null;
  }

  handle({ frame, result }: ObjectOutcome): void {
    const camera = this.camera();
    const labels = this.labels();
    const zones = camera.zones ?? [];
    this.handled++;
    const asked = result.objects.filter((o) => labels.includes(o.label));
    const visible = unmasked(asked, frame.width, frame.height, zones);
    this.latestResult = { capturedAt: frame.capturedAt, width: frame.width, height: frame.height, objects: visible.map(roundBox) };
    this.policy.retain(labels);
    const decisions = this.policy.update(alerting(visible, frame.width, frame.height, zones), frame.capturedAt);
    for (const decision of decisions) {
      void this.raise(frame, decision, visible.filter((o) => o.label === decision.label));
    }
  }

  private labels(): readonly ObjectLabel[] {
    return this.camera().objects ?? [];
  }

  private holdMs(): number {
    return Math.max(MIN_HOLD_MS, 3 * this.intervalMs());
  }

  private intervalMs(): number {
    return 1000 / Math.max(0.01, this.settings.fps);
  }

  /** At most `fps` object frames per second, by capture time; a late frame does not push the next one back. */
  private due(now: number): boolean {
    const interval = this.intervalMs();
    // The first frame, or the clock went back (a new stream): start afresh.
    if (this.nextDue === null || this.nextDue - now > interval) {
      this.nextDue = now + interval;
      return true;
    }
    if (now < this.nextDue) return false;
    this.nextDue = now - this.nextDue < interval ? this.nextDue + interval : now + interval;
    return true;
  }

  private async raise(frame: DecodedFrame, decision: ObjectAlertDecision, boxes: ObjectBox[]): Promise<Alert | null> {
    try {
      const key = await this.snapshot(frame, boxes);
      const source = this.source() ?? { width: frame.width, height: frame.height };
      const camera = this.camera();
      const alert = await this.deps.alerts.record(camera, {
        timestamp: new Date(frame.capturedAt),
        kind: 'object',
        label: decision.label,
        zones: placeBox(decision.box, frame.width, frame.height, camera.zones ?? []).zones,
        bbox: roundBox(scaleBox(decision.box, source.width / frame.width, source.height / frame.height)),
        snapshotUrl: null,
        snapshotKey: key,
        meta: {
          score: round3(decision.score),
          frameWidth: source.width,
          frameHeight: source.height,
          faces: 0,
          objects: decision.objects,
          trackId: decision.trackId,
        },
      });
      this.recorded++;
      return alert;
    } catch (e) {
      this.deps.log.warn(`camera ${this.camera().id}: object alert not recorded: ${String(e)}`);
      return null;
    }
  }

  /** An alert without its picture is better than no alert: a failed snapshot only loses the picture. */
  private async snapshot(frame: DecodedFrame, boxes: ObjectBox[]): Promise<string | null> {
    try {
      return await this.deps.snapshots.save(this.camera().id, await this.deps.renderer.render(frame, boxes));
    } catch (e) {
      this.deps.log.warn(`camera ${this.camera().id}: snapshot not saved: ${String(e)}`);
      return null;
    }
  }
}
