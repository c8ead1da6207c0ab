import type { DetectionResult, Frame } from '@argus/domain';
import type { DetectorSettings } from '../settings';

/** A frame on its way to a worker: the pixels travel as a transferred (not copied) buffer. */
export interface DetectionTask {
  width: number;
  height: number;
  channels: Frame['channels'];
  pixels: ArrayBuffer | SharedArrayBuffer;
  byteOffset: number;
  byteLength: number;
  minScore?: number;
}

export type DetectionTaskResult = DetectionResult;

/** What every worker gets at start. `extra` is for test workers only. */
export interface DetectionWorkerData {
  settings: DetectorSettings;
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

export function taskToFrame(task: DetectionTask): Frame {
  return {
    width: task.width,
    height: task.height,
    channels: task.channels,
    data: new Uint8Array(task.pixels, task.byteOffset, task.byteLength),
  };
}
