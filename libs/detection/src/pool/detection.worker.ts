import { parentPort } from 'node:worker_threads';
import { workerData } from 'piscina';
import { createFaceDetector, type BlazeFaceDetector } from '../detector';
import { taskToFrame, WORKER_READY, type DetectionTask, type DetectionTaskResult, type DetectionWorkerData } from './protocol';

/** A few frames through the model so the first real frame doesn't pay for compilation and allocation. */
async function warmUp(detector: BlazeFaceDetector): Promise<void> {
  const width = 640;
  const height = 360;
  const frame = { width, height, channels: 3 as const, data: new Uint8Array(width * height * 3).fill(96) };
  for (let i = 0; i < 3; i++) await detector.detect(frame);
}

async function start(): Promise<(task: DetectionTask) => Promise<DetectionTaskResult>> {
  const { settings } = workerData as DetectionWorkerData;
  const detector = await createFaceDetector(settings);
  await warmUp(detector);
  parentPort?.postMessage({ [WORKER_READY]: true });
  return (task) => detector.detect(taskToFrame(task), { minScore: task.minScore });
}

/**
 * Piscina awaits a promised handler before the worker takes tasks: the model is loaded and warm
 * before the first frame arrives, and a load failure fails the tasks instead of hanging them.
 */
export default start();
