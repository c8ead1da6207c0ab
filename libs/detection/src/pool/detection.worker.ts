import { parentPort } from 'node:worker_threads';
import { workerData } from 'piscina';
import { createFaceDetector, type BlazeFaceDetector } from '../detector';
import { taskToFrame, WORKER_FAILED, WORKER_READY, type DetectionTask, type DetectionTaskResult, type DetectionWorkerData } from './protocol';

/** A few frames through the model so the first real frame doesn't pay for compilation and allocation. */
async function warmUp(detector: BlazeFaceDetector): Promise<void> {
  const width = 640;
  const height = 360;
  const frame = { width, height, channels: 3 as const, data: new Uint8Array(width * height * 3).fill(96) };
  for (let i = 0; i < 3; i++) await detector.detect(frame);
}

type Handler = (task: DetectionTask) => Promise<DetectionTaskResult>;

/**
 * A load failure is reported to the pool (so start() fails with the reason) and every frame sent
 * here fails with it. Rejecting the exported promise instead would make Piscina retry the file as
 * an ES module and bury the reason under an unrelated loader error.
 */
async function start(): Promise<Handler> {
  try {
    const detector = await createFaceDetector((workerData as DetectionWorkerData).settings);
    await warmUp(detector);
    parentPort?.postMessage({ [WORKER_READY]: true });
    return (task) => detector.detect(taskToFrame(task), { minScore: task.minScore });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ [WORKER_FAILED]: reason });
    return async () => {
      throw new Error(`detection worker could not start: ${reason}`);
    };
  }
}

/** Piscina awaits a promised handler before the worker takes tasks: the model is loaded and warm first. */
export default start();
