// The real detection worker (model loaded and warmed up) that fails on request, for the fault suite.
// The test holds the other end of `extra`, a SharedArrayBuffer of Int32 slots (detection-slots.ts):
// frames still to fail by throwing, and by killing the worker thread (process.exit ends the thread only).
// Replacement workers share the slots, so each failure happens the number of times asked, no more.
import { workerData } from 'piscina';
import type { DetectionWorkerData, WorkerTask, WorkerTaskResult } from '@argus/detection';
import realWorker from '@argus/detection/pool/detection.worker';
import { CRASH_SLOT, THROW_SLOT } from './detection-slots';

const slots = new Int32Array((workerData as DetectionWorkerData).extra as SharedArrayBuffer);

/** Takes one failure from a slot, if any is left (several workers may race for it). */
function take(slot: number): boolean {
  for (;;) {
    const left = Atomics.load(slots, slot);
    if (left <= 0) return false;
    if (Atomics.compareExchange(slots, slot, left, left - 1) === left) return true;
  }
}

async function start(): Promise<(task: WorkerTask) => Promise<WorkerTaskResult>> {
  const detect = await realWorker;
  return async (task) => {
    // Only face detection fails: recognition's analyse tasks and object tasks share the pool and
    // must not use up the failures the test counts on the camera.
    if (task.kind !== 'analyse' && task.kind !== 'objects') {
      if (take(THROW_SLOT)) throw new Error('injected detection failure');
      if (take(CRASH_SLOT)) process.exit(7);
    }
    return detect(task);
  };
}

export default start();
