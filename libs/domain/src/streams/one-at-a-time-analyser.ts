import type { AnalysedFace, AnalyseOptions, FaceAnalyser } from '../people/face-analyser';
import type { Frame } from '../detection/face-detector';

/**
 * The pipeline's analyser: its analyses run one after another, never several at once. Analyses
 * share the detection pool with face detection and each takes far longer than a detection; let
 * several cameras' tracks queue theirs together and every detection waits behind them, tracks break
 * for want of frames, and new tracks ask for more analyses. One at a time leaves the rest of the
 * pool to detection. (Enrolment and `POST /api/recognize` use the pool directly.)
 */
export class OneAtATimeAnalyser implements FaceAnalyser {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly inner: FaceAnalyser) {}

  get model(): string {
    return this.inner.model;
  }

  /** Analyses waiting for their turn or running. */
  get queued(): number {
    return this.waiting;
  }

  analyse(frame: Frame, options?: AnalyseOptions): Promise<AnalysedFace[]> {
    this.waiting++;
    const run = this.tail.then(() => this.inner.analyse(frame, options));
    this.tail = run.catch(() => undefined);
    return run.finally(() => this.waiting--);
  }
}
