import type { DetectionResult, FaceDetector } from '../detection/face-detector';
import type { ObjectLabel } from '../detection/object-detector';
import type { DecodedFrame } from './frame-decoder';
import { ObjectLane, type ObjectLaneCounters, type ObjectLaneOptions, type ObjectOutcome, type WaitingObjects } from './object-lane';

export interface SchedulerCounters {
  /** Frames handed to the detector. */
  dispatched: number;
  /** Frames replaced by a newer one before the detector was free. */
  skipped: number;
  /** Frames whose detection failed (worker crash, timeout). */
  failed: number;
}

export interface DetectionOutcome {
  cameraId: string;
  frame: DecodedFrame;
  result: DetectionResult;
}

/** Urgent frames served in a row before a camera waiting in turn is served. */
const MAX_URGENT_RUN = 2;
/** Weight kept by the detector-time sums at each result: they follow about the last 20 results. */
const COST_DECAY = 0.95;

type Listener = (outcome: DetectionOutcome) => void;
type FailureListener = (cameraId: string, error: unknown) => void;

/**
 * Shares the detector among cameras. Each camera keeps only its newest undetected frame (a frame
 * that waited is dropped and counted), and free detector slots go to cameras in turn, so one busy
 * camera can't starve the others and latency stays bounded whatever the load.
 *
 * With an object detector (`objects`), the same slots also run object frames, which cameras offer
 * apart (`offerObjects`, newest only, in turn, at most `maxInFlight` at once). A free slot takes an
 * object frame when no face frame waits, or while objects have had less than their `share` of the
 * detector's recent time (measured from the detector's own timings): face detection keeps its
 * rate under load, and objects still get their turn.
 */
export class DetectionScheduler {
  private readonly waiting = new Map<string, DecodedFrame>();
  private readonly order: string[] = [];
  /** Waiting cameras whose frame was offered as urgent. */
  private readonly urgent = new Set<string>();
  /** Urgent frames dispatched in a row. */
  private urgentRun = 0;
  private readonly listeners = new Map<string, Listener>();
  private readonly counters = new Map<string, SchedulerCounters>();
  private inFlight = 0;
  /** Cameras with a frame in the detector: one at a time each, so results come back in order. */
  private readonly busyCameras = new Set<string>();
  private readonly objects: ObjectLane | null;
  /** Recent detector time (ms, decaying) spent on face frames and on object frames. */
  private readonly cost = { faces: 0, objects: 0 };

  constructor(
    private readonly detector: FaceDetector,
    private readonly concurrency: number,
    private readonly onFailure: FailureListener = () => undefined,
    /** Called before a frame goes to the detector (which may take its pixels away). */
    private readonly beforeDispatch: (frame: DecodedFrame) => DecodedFrame = (f) => f,
    objects?: ObjectLaneOptions,
  ) {
    this.objects = objects ? new ObjectLane(objects, concurrency) : null;
  }

  /** Whether object frames can be offered (an object detector was given). */
  get detectsObjects(): boolean {
    return this.objects !== null;
  }

  register(cameraId: string, listener: Listener): void {
    this.listeners.set(cameraId, listener);
    if (!this.counters.has(cameraId)) this.counters.set(cameraId, { dispatched: 0, skipped: 0, failed: 0 });
  }

  /** Where the camera's object results go (ignored without an object detector). */
  registerObjects(cameraId: string, listener: (outcome: ObjectOutcome) => void): void {
    this.objects?.register(cameraId, listener);
  }

  /** Forgets the camera, its faces and its objects. */
  unregister(cameraId: string): void {
    this.listeners.delete(cameraId);
    if (this.waiting.delete(cameraId)) this.removeFromOrder(cameraId);
    this.urgent.delete(cameraId);
    this.objects?.unregister(cameraId);
  }

  stats(cameraId: string): SchedulerCounters {
    return { ...(this.counters.get(cameraId) ?? { dispatched: 0, skipped: 0, failed: 0 }) };
  }

  objectStats(cameraId: string): ObjectLaneCounters {
    return this.objects?.stats(cameraId) ?? { dispatched: 0, skipped: 0, failed: 0 };
  }

  get busy(): number {
    return this.inFlight;
  }

  /**
   * `urgent`: the frame may confirm a face (an alert is one detection away), so the camera goes to
   * the front of the queue instead of the back. It still has at most one frame in the detector.
   */
  offer(cameraId: string, frame: DecodedFrame, urgent = false): void {
    if (!this.listeners.has(cameraId)) return;
    if (this.waiting.has(cameraId)) {
      this.counter(cameraId).skipped++;
      if (urgent) this.removeFromOrder(cameraId);
    }
    if (urgent) {
      this.urgent.add(cameraId);
      this.order.unshift(cameraId);
    } else if (!this.waiting.has(cameraId)) {
      this.order.push(cameraId);
    } else {
      this.urgent.delete(cameraId); // the newest frame is what counts
    }
    this.waiting.set(cameraId, frame);
    this.pump();
  }

  /**
   * An object frame (only the labels asked for are looked for). Kept apart from the camera's face
   * frame: give a frame whose pixels no face detection will take away.
   */
  offerObjects(cameraId: string, frame: DecodedFrame, labels: readonly ObjectLabel[]): void {
    if (this.objects?.offer(cameraId, frame, labels)) this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.concurrency) {
      const i = this.next();
      const objects = this.objects?.ready() ?? false;
      if (i < 0 && !objects) return;
      if (objects && (i < 0 || this.objectsDue())) {
        const next = this.objects?.take();
        if (next) this.dispatchObjects(next);
        continue;
      }
      const [cameraId] = this.order.splice(i, 1);
      const urgent = this.urgent.delete(cameraId);
      this.urgentRun = urgent ? this.urgentRun + 1 : 0;
      const frame = this.waiting.get(cameraId);
      this.waiting.delete(cameraId);
      if (frame) this.dispatch(cameraId, frame);
    }
  }

  /**
   * Index in `order` of the camera to serve next: the first one without a frame in the detector
   * (its newest frame keeps waiting, and may still be replaced). After MAX_URGENT_RUN urgent frames
   * in a row, a camera waiting in turn goes first: cameras that keep seeing unconfirmed faces
   * cannot starve the others.
   */
  private next(): number {
    let first = -1;
    for (let i = 0; i < this.order.length; i++) {
      const cameraId = this.order[i];
      if (this.busyCameras.has(cameraId)) continue;
      if (this.urgentRun < MAX_URGENT_RUN || !this.urgent.has(cameraId)) return i;
      if (first < 0) first = i;
    }
    return first;
  }

  private dispatch(cameraId: string, frame: DecodedFrame): void {
    let kept: DecodedFrame;
    try {
      kept = this.beforeDispatch(frame);
    } catch (error) {
      this.counter(cameraId).failed++;
      this.onFailure(cameraId, error);
      return;
    }
    this.inFlight++;
    this.busyCameras.add(cameraId);
    this.counter(cameraId).dispatched++;
    // Through a promise so that a detector throwing synchronously still counts as one failed frame.
    Promise.resolve()
      .then(() => this.detector.detect(frame))
      .then(
        (result) => {
          this.spent('faces', result.ms);
          this.deliver(cameraId, kept, result);
        },
        (error: unknown) => {
          this.counter(cameraId).failed++;
          this.onFailure(cameraId, error);
        },
      )
      .finally(() => {
        this.inFlight--;
        this.busyCameras.delete(cameraId);
        this.pump();
      });
  }

  private dispatchObjects({ cameraId, frame, labels }: WaitingObjects): void {
    const lane = this.objects as ObjectLane;
    let kept: DecodedFrame;
    try {
      kept = this.beforeDispatch(frame);
    } catch (error) {
      lane.failed(cameraId);
      lane.done(cameraId);
      this.onFailure(cameraId, error);
      return;
    }
    this.inFlight++;
    Promise.resolve()
      .then(() => lane.detector.detectObjects(frame, { labels }))
      .then(
        (result) => {
          this.spent('objects', result.ms);
          try {
            lane.listener(cameraId)?.({ cameraId, frame: kept, result });
          } catch (error) {
            this.onFailure(cameraId, error);
          }
        },
        (error: unknown) => {
          lane.failed(cameraId);
          this.onFailure(cameraId, error);
        },
      )
      .finally(() => {
        this.inFlight--;
        lane.done(cameraId);
        this.pump();
      });
  }

  /** Objects may take a slot from waiting faces while under their share of the recent detector time. */
  private objectsDue(): boolean {
    const share = (this.objects as ObjectLane).share;
    return this.cost.objects <= share * (this.cost.objects + this.cost.faces);
  }

  private spent(kind: 'faces' | 'objects', ms: number): void {
    if (!this.objects) return;
    this.cost.faces *= COST_DECAY;
    this.cost.objects *= COST_DECAY;
    this.cost[kind] += Number.isFinite(ms) && ms > 0 ? ms : 0;
  }

  /** A listener's own error is reported, but it is not a detection failure. */
  private deliver(cameraId: string, frame: DecodedFrame, result: DetectionResult): void {
    try {
      this.listeners.get(cameraId)?.({ cameraId, frame, result });
    } catch (error) {
      this.onFailure(cameraId, error);
    }
  }

  private counter(cameraId: string): SchedulerCounters {
    let c = this.counters.get(cameraId);
    if (!c) {
      c = { dispatched: 0, skipped: 0, failed: 0 };
      this.counters.set(cameraId, c);
    }
    return c;
  }

  private removeFromOrder(cameraId: string): void {
    const i = this.order.indexOf(cameraId);
    if (i >= 0) this.order.splice(i, 1);
  }
}
