import type {
  AnalysedFace,
  AnalyseOptions,
  DetectionResult,
  DetectOptions,
  FaceAnalyser,
  FaceDetector,
  Frame,
  ObjectDetectionResult,
  ObjectDetectOptions,
  ObjectDetector,
} from '@argus/domain';
import type { ObjectDetectorSettings } from '../objects/object-settings';
import { faceApiModelName } from '../recognition/embedding-model';
import type { RecognitionSettings } from '../recognition/recognition-settings';
import { Piscina } from 'piscina';
import { DEFAULT_DETECTOR_SETTINGS, defaultDetectionThreads, type DetectorSettings } from '../settings';
import type * as _CompileTheWorker from './detection.worker'; // keeps the worker in `tsc` builds (it is only loaded by path)
import { DetectionPoolClosedError, DetectionQueueFullError, toDetectionError } from './errors';
import { isWorkerReadyMessage, workerFailure, type DetectionWorkerData, type FrameTask, type WorkerTask, type WorkerTaskResult } from './protocol';
import { detectionWorkerEntry, type WorkerEntry } from './worker-file';

export interface DetectionPoolOptions {
  /** Worker threads; default cores − 1 (min 1). */
  threads?: number;
  /** Detector settings, handed to every worker at start (Piscina's workerData); default DEFAULT_DETECTOR_SETTINGS. */
  settings?: DetectorSettings;
  /** Frames allowed to wait for a free worker; more are rejected with DetectionQueueFullError. */
  maxQueue?: number;
  /** A frame not done within this time fails with DetectionTimeoutError and its worker is replaced. */
  taskTimeoutMs?: number;
  /** The same for analyse (recognition) tasks, which embed every face and load the model on first use; default 30 s. */
  analyseTimeoutMs?: number;
  /** Quality gates and retry padding for recognition (default DEFAULT_RECOGNITION_SETTINGS). */
  recognition?: RecognitionSettings;
  /** Object detector settings over DEFAULT_OBJECT_SETTINGS (tfjs backend: the face settings' unless given). */
  objects?: Partial<ObjectDetectorSettings>;
  /** The same for object tasks; the first one in each worker also loads the object model. Default 30 s. */
  objectTimeoutMs?: number;
  /** How long start() waits for every worker to load and warm up its model. */
  readyTimeoutMs?: number;
  /**
   * Move each frame's pixel buffer to the worker instead of copying it (default true). The caller's
   * `frame.data` is then detached (length 0) once detect() is called: keep a copy if you need the
   * pixels afterwards. Views into a larger buffer are copied once, then moved.
   */
  transferFrames?: boolean;
  /** Worker failures that hit no frame (e.g. a crash between frames). Default: console.error. */
  onError?: (error: Error) => void;
  /** Tests only: a different worker entry, with data for it. */
  worker?: WorkerEntry & { extra?: unknown };
}

/**
 * FaceDetector on a Piscina pool of worker threads, each with its own warmed-up model, so
 * detection never blocks the event loop and uses all the cores it is given. Also the
 * ObjectDetector: object tasks share the workers and the bounded queue with face frames.
 */
export class DetectionPool implements FaceDetector, ObjectDetector {
  readonly threads: number;
  readonly maxQueue: number;
  private readonly taskTimeoutMs: number;
  private readonly analyseTimeoutMs: number;
  private readonly objectTimeoutMs: number;
  private readonly transferFrames: boolean;
  private readonly pool: Piscina<WorkerTask, WorkerTaskResult>;
  private readyWorkers = 0;
  /** Frames handed to detect() and not settled yet: running plus waiting. */
  private pending = 0;
  private closed = false;

  private constructor(options: DetectionPoolOptions) {
    this.threads = options.threads ?? defaultDetectionThreads();
    this.maxQueue = options.maxQueue ?? this.threads * 2;
    this.taskTimeoutMs = options.taskTimeoutMs ?? 10_000;
    this.analyseTimeoutMs = options.analyseTimeoutMs ?? 30_000;
    this.objectTimeoutMs = options.objectTimeoutMs ?? 30_000;
    this.transferFrames = options.transferFrames ?? true;
    const entry = options.worker ?? detectionWorkerEntry();
    const workerData: DetectionWorkerData = {
      settings: options.settings ?? DEFAULT_DETECTOR_SETTINGS,
      recognition: options.recognition,
      objects: options.objects,
      extra: options.worker?.extra,
    };
    this.pool = new Piscina({
      filename: entry.filename,
      execArgv: entry.execArgv,
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: Number.POSITIVE_INFINITY, // models take a while to load: never retire a worker
      atomics: 'disabled', // workers await async inference (ONNX, tfjs reads): no blocking waits
      workerData,
    });
    const onError = options.onError ?? ((error: Error) => console.error('[detection]', error.message));
    this.pool.on('error', onError);
  }

  /** Starts the workers and resolves once every one has loaded and warmed up its model. */
  static async start(options: DetectionPoolOptions = {}): Promise<DetectionPool> {
    const pool = new DetectionPool(options);
    try {
      await pool.whenReady(options.readyTimeoutMs ?? 120_000);
      return pool;
    } catch (error) {
      await pool.pool.destroy();
      throw error;
    }
  }

  get queueSize(): number {
    return this.pool.queueSize;
  }

  async detect(frame: Frame, options: DetectOptions = {}): Promise<DetectionResult> {
    return (await this.submit(frame, { minScore: options.minScore }, this.taskTimeoutMs)) as DetectionResult;
  }

  /**
   * Recognition in a worker: faces found, aligned, graded and (unless `embed: false`) embedded.
   * Shares the queue and its bound with detect(); the first call loads the embedding model.
   */
  async analyse(frame: Frame, options: AnalyseOptions = {}): Promise<AnalysedFace[]> {
    const extra = { kind: 'analyse' as const, regions: options.regions, embed: options.embed };
    return (await this.submit(frame, extra, this.analyseTimeoutMs)) as AnalysedFace[];
  }

  /**
   * COCO objects in a worker (boxes in frame pixels, class-wise NMS applied). The first call in
   * each worker loads the object model; a pool that never gets one never loads it.
   */
  async detectObjects(frame: Frame, options: ObjectDetectOptions = {}): Promise<ObjectDetectionResult> {
    const extra = { kind: 'objects' as const, minScore: options.minScore, labels: options.labels ? [...options.labels] : undefined };
    return (await this.submit(frame, extra, this.objectTimeoutMs)) as ObjectDetectionResult;
  }

  /** This pool as the domain's FaceAnalyser port. */
  faceAnalyser(): FaceAnalyser {
    const model = faceApiModelName();
    return { model, analyse: (frame, options) => this.analyse(frame, options) };
  }

  private async submit(frame: Frame, extra: Partial<WorkerTask>, timeoutMs: number): Promise<WorkerTaskResult> {
    if (this.closed) throw new DetectionPoolClosedError();
    // Bounded here, not by Piscina's maxQueue: Piscina does not count abortable tasks (ours carry
    // a timeout signal) against that limit. Checked before the buffer is moved.
    if (this.pending >= this.threads + this.maxQueue) throw new DetectionQueueFullError(this.maxQueue);
    const { task, transferList } = this.toTask(frame);
    const signal = AbortSignal.timeout(timeoutMs);
    this.pending++;
    try {
      return await this.pool.run({ ...task, ...extra } as WorkerTask, { transferList, signal });
    } catch (error) {
      if (this.closed && !signal.aborted) throw new DetectionPoolClosedError(); // dropped from the queue by close()
      throw toDetectionError(error, { timeoutMs, timedOut: signal.aborted });
    } finally {
      this.pending--;
    }
  }

  /** Stops taking frames, lets running frames finish, rejects waiting ones, ends the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.close({ force: true });
  }

  private whenReady(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`detection workers not ready after ${timeoutMs} ms`)), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.pool.off('message', onMessage);
        this.pool.off('error', fail);
      };
      const fail = (error: Error) => {
        done();
        reject(error);
      };
      const onMessage = (message: unknown) => {
        const failure = workerFailure(message);
        if (failure !== undefined) fail(new Error(`detection worker could not start: ${failure}`));
        if (!isWorkerReadyMessage(message)) return;
        this.readyWorkers += 1;
        if (this.readyWorkers < this.threads) return;
        done();
        resolve();
      };
      this.pool.on('message', onMessage);
      this.pool.on('error', fail);
    });
  }

  private toTask(frame: Frame): { task: FrameTask; transferList: ArrayBuffer[] } {
    const { data } = frame;
    const shared = data.buffer instanceof SharedArrayBuffer;
    const wholeBuffer = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
    const pixels = shared || (this.transferFrames && wholeBuffer) ? data : data.slice();
    const task: FrameTask = {
      width: frame.width,
      height: frame.height,
      channels: frame.channels,
      pixels: pixels.buffer,
      byteOffset: pixels.byteOffset,
      byteLength: pixels.byteLength,
    };
    return { task, transferList: shared ? [] : [pixels.buffer as ArrayBuffer] };
  }
}
