import type { ObjectDetectionResult, ObjectDetector, ObjectLabel } from '../detection/object-detector';
import type { DecodedFrame } from './frame-decoder';

export interface ObjectOutcome {
  cameraId: string;
  frame: DecodedFrame;
  result: ObjectDetectionResult;
}

export interface ObjectLaneOptions {
  detector: ObjectDetector;
  /** Object frames in the detector at once, at most; default half the detector's slots, at least 1. */
  maxInFlight?: number;
  /**
   * While face frames wait as well, object frames get at most this share of the detector's recent
   * time (0–1, default 0.5): the heavier object model cannot crowd face detection out.
   */
  share?: number;
}

export interface ObjectLaneCounters {
  /** Object frames handed to the detector. */
  dispatched: number;
  /** Object frames replaced by a newer one before the detector was free. */
  skipped: number;
  /** Object frames whose detection failed. */
  failed: number;
}

type ObjectListener = (outcome: ObjectOutcome) => void;

export interface WaitingObjects {
  cameraId: string;
  frame: DecodedFrame;
  labels: readonly ObjectLabel[];
}

/**
 * The object frames waiting for the detector, for the scheduler that shares the detector's slots
 * between faces and objects: each camera's newest object frame only (a frame that waited is
 * replaced and counted), cameras in turn, one object frame per camera in the detector at a time.
 */
export class ObjectLane {
  readonly detector: ObjectDetector;
  readonly share: number;
  readonly maxInFlight: number;
  private readonly waiting = new Map<string, WaitingObjects>();
  private readonly order: string[] = [];
  private readonly listeners = new Map<string, ObjectListener>();
  private readonly counters = new Map<string, ObjectLaneCounters>();
  private readonly busyCameras = new Set<string>();
  private running = 0;

  constructor(options: ObjectLaneOptions, slots: number) {
    this.detector = options.detector;
    this.share = Math.min(1, Math.max(0, options.share ?? 0.5));
    this.maxInFlight = Math.max(1, options.maxInFlight ?? Math.floor(slots / 2));
  }

  register(cameraId: string, listener: ObjectListener): void {
    this.listeners.set(cameraId, listener);
    if (!this.counters.has(cameraId)) this.counters.set(cameraId, zero());
  }

  unregister(cameraId: string): void {
    this.listeners.delete(cameraId);
    if (this.waiting.delete(cameraId)) this.order.splice(this.order.indexOf(cameraId), 1);
  }

  stats(cameraId: string): ObjectLaneCounters {
    return { ...(this.counters.get(cameraId) ?? zero()) };
  }

  /** Keeps the frame as the camera's newest; false when the camera is not registered. */
  offer(cameraId: string, frame: DecodedFrame, labels: readonly ObjectLabel[]): boolean {
    if (!this.listeners.has(cameraId)) return false;
    if (this.waiting.has(cameraId)) this.counter(cameraId).skipped++;
    else this.order.push(cameraId);
    this.waiting.set(cameraId, { cameraId, frame, labels: [...labels] });
    return true;
  }

  /** Object frames in the detector now. */
  get inFlight(): number {
    return this.running;
  }

  /** Whether an object frame could go to the detector now. */
  ready(): boolean {
    return this.running < this.maxInFlight && this.order.some((id) => !this.busyCameras.has(id));
  }

  /** The next camera's waiting frame, marked as in the detector (call `done` when it settles). */
  take(): WaitingObjects | null {
    if (this.running >= this.maxInFlight) return null;
    const i = this.order.findIndex((id) => !this.busyCameras.has(id));
    if (i < 0) return null;
    const [cameraId] = this.order.splice(i, 1);
    const next = this.waiting.get(cameraId) as WaitingObjects;
    this.waiting.delete(cameraId);
    this.running++;
    this.busyCameras.add(cameraId);
    this.counter(cameraId).dispatched++;
    return next;
  }

  done(cameraId: string): void {
    this.running--;
    this.busyCameras.delete(cameraId);
  }

  failed(cameraId: string): void {
    this.counter(cameraId).failed++;
  }

  listener(cameraId: string): ObjectListener | undefined {
    return this.listeners.get(cameraId);
  }

  private counter(cameraId: string): ObjectLaneCounters {
    let c = this.counters.get(cameraId);
    if (!c) {
      c = zero();
      this.counters.set(cameraId, c);
    }
    return c;
  }
}

const zero = (): ObjectLaneCounters => ({ dispatched: 0, skipped: 0, failed: 0 });
