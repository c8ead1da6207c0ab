import type { AnalysedFace, BoundingBox, DetectionResult, Frame, ObjectDetectionResult, ObjectLabel } from '@argus/domain';
import type { ObjectDetectorSettings } from '../objects/object-settings';
import type { RecognitionSettings } from '../recognition/recognition-settings';
import type { DetectorSettings } from '../settings';

/** A frame on its way to a worker: the pixels travel as a transferred (not copied) buffer. */
export interface FrameTask {
  width: number;
  height: number;
  channels: Frame['channels'];
  pixels: ArrayBuffer | SharedArrayBuffer;
  byteOffset: number;
  byteLength: number;
}

/** Find faces (the live pipeline's task; `kind` may be left out). */
export interface DetectionTask extends FrameTask {
  kind?: 'detect';
  minScore?: number;
}

/** Find, align, grade and embed faces (recognition); the worker loads the embedding model on the first one. */
export interface AnalyseTask extends FrameTask {
  kind: 'analyse';
  regions?: BoundingBox[];
  embed?: boolean;
}

/** Find COCO objects; the worker loads the object model on the first one. */
export interface ObjectTask extends FrameTask {
  kind: 'objects';
  minScore?: number;
  labels?: ObjectLabel[];
}

export type WorkerTask = DetectionTask | AnalyseTask | ObjectTask;

export type DetectionTaskResult = DetectionResult;
export type AnalyseTaskResult = AnalysedFace[];
export type ObjectTaskResult = ObjectDetectionResult;
export type WorkerTaskResult = DetectionTaskResult | AnalyseTaskResult | ObjectTaskResult;

/** What every worker gets at start. `extra` is for test workers only. */
export interface DetectionWorkerData {
  settings: DetectorSettings;
  /** Quality gates and retry padding for analyse tasks (default DEFAULT_RECOGNITION_SETTINGS). */
  recognition?: RecognitionSettings;
  /** Object detector settings for object tasks (default DEFAULT_OBJECT_SETTINGS, tfjs backend from `settings`). */
  objects?: Partial<ObjectDetectorSettings>;
  extra?: unknown;
}

/** Posted by a worker once its model is loaded and warmed up. */
export const WORKER_READY = 'argus.detection.worker-ready';

/** Posted by a worker whose model failed to load, with the reason. */
export const WORKER_FAILED = 'argus.detection.worker-failed';

export function isWorkerReadyMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as Record<string, unknown>)[WORKER_READY] === true;
}

/** The reason a worker reported for failing to start, if this message is such a report. */
export function workerFailure(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const reason = (message as Record<string, unknown>)[WORKER_FAILED];
  return typeof reason === 'string' ? reason : undefined;
}

export function taskToFrame(task: FrameTask): Frame {
  return {
    width: task.width,
    height: task.height,
    channels: task.channels,
    data: new Uint8Array(task.pixels, task.byteOffset, task.byteLength),
  };
}
