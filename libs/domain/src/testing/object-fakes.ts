// A scripted object detector for the pipeline's tests: the test answers each call, or gives canned objects.
import type { Frame } from '../detection/face-detector';
import type { ObjectBox, ObjectDetectionResult, ObjectDetectOptions, ObjectDetector } from '../detection/object-detector';

interface PendingObjects {
  frame: Frame;
  options?: ObjectDetectOptions;
  resolve(result: ObjectDetectionResult): void;
  reject(error: unknown): void;
}

/**
 * An ObjectDetector the test answers: each detectObjects() waits until `resolveNext`/`rejectNext`,
 * unless `respondWith` gives canned objects (filtered by the asked labels, as the real one does).
 * `ms` is the detector time each answer reports.
 */
export class FakeObjectDetector implements ObjectDetector {
  readonly pending: PendingObjects[] = [];
  readonly calls: Array<{ frame: Frame; options?: ObjectDetectOptions }> = [];
  ms = 40;
  private canned: ((frame: Frame) => ObjectBox[]) | null = null;

  detectObjects(frame: Frame, options?: ObjectDetectOptions): Promise<ObjectDetectionResult> {
    this.calls.push({ frame, options });
    if (this.canned) return Promise.resolve({ objects: filter(this.canned(frame), options), ms: this.ms });
    return new Promise((resolve, reject) => this.pending.push({ frame, options, resolve, reject }));
  }

  respondWith(objects: ObjectBox[] | ((frame: Frame) => ObjectBox[]) | null): void {
    this.canned = objects === null ? null : typeof objects === 'function' ? objects : () => objects;
  }

  resolveNext(objects: ObjectBox[] = [], ms = this.ms): Frame {
    const next = this.take();
    next.resolve({ objects: filter(objects, next.options), ms });
    return next.frame;
  }

  rejectNext(error: unknown = new Error('object detector crashed')): Frame {
    const next = this.take();
    next.reject(error);
    return next.frame;
  }

  private take(): PendingObjects {
    const next = this.pending.shift();
    if (!next) throw new Error('no object detection pending');
    return next;
  }
}

function filter(objects: ObjectBox[], options?: ObjectDetectOptions): ObjectBox[] {
  const labels = options?.labels;
  return labels ? objects.filter((o) => labels.includes(o.label)) : [...objects];
}
