// A stand-in detection worker for the pool tests: no model, behaviour chosen by the frame.
//   width 1 → the worker dies (process.exit in a worker thread ends that thread only)
//   width 2 → never answers (for the timeout)
//   otherwise → waits `height` ms, then reports the bytes it received as one face's width.
// Counts frames in progress in shared memory so a test can see how many ran at once.
import { parentPort } from 'node:worker_threads';
import { workerData } from 'piscina';
import { taskToFrame, WORKER_READY, type DetectionTask, type DetectionTaskResult, type DetectionWorkerData } from '../src/pool/protocol';

const { extra } = workerData as DetectionWorkerData;
const counters = new Int32Array((extra as { counters: SharedArrayBuffer }).counters); // [running, maxRunning]

async function handle(task: DetectionTask): Promise<DetectionTaskResult> {
  if (task.width === 1) process.exit(3);
  if (task.width === 2) await new Promise(() => undefined);
  const running = Atomics.add(counters, 0, 1) + 1;
  let max = Atomics.load(counters, 1);
  while (running > max && Atomics.compareExchange(counters, 1, max, running) !== max) max = Atomics.load(counters, 1);
  await new Promise((resolve) => setTimeout(resolve, task.height));
  Atomics.sub(counters, 0, 1);
  const frame = taskToFrame(task);
  return { faces: [{ x: frame.data[0], y: 0, width: frame.data.length, height: 1, score: 1 }], ms: task.height };
}

async function start() {
  parentPort?.postMessage({ [WORKER_READY]: true });
  return handle;
}

export default start();
