import { parentPort } from 'node:worker_threads';
import { workerData } from 'piscina';
import { createFaceDetector, type BlazeFaceDetector } from '../detector';
import { FaceApiEmbedder } from '../recognition/embedding-model';
import { LocalFaceAnalyser } from '../recognition/face-analyser';
import { DEFAULT_RECOGNITION_SETTINGS } from '../recognition/recognition-settings';
import {
  taskToFrame,
  WORKER_FAILED,
  WORKER_READY,
  type AnalyseTask,
  type AnalyseTaskResult,
  type DetectionTaskResult,
  type DetectionWorkerData,
  type WorkerTask,
} from './protocol';

/** A few frames through the model so the first real frame doesn't pay for compilation and allocation. */
async function warmUp(detector: BlazeFaceDetector): Promise<void> {
  const width = 640;
  const height = 360;
  const frame = { width, height, channels: 3 as const, data: new Uint8Array(width * height * 3).fill(96) };
  for (let i = 0; i < 3; i++) await detector.detect(frame);
}

type Handler = (task: WorkerTask) => Promise<DetectionTaskResult | AnalyseTaskResult>;

/**
 * The embedding model is loaded on the first analyse task, not at start: installations that only
 * detect never pay for it. A failed load is not cached, so the next task tries again.
 */
function lazyAnalyser(detector: BlazeFaceDetector, data: DetectionWorkerData) {
  let analyser: Promise<LocalFaceAnalyser> | undefined;
  return (task: AnalyseTask): Promise<AnalyseTaskResult> => {
    if (!analyser) {
      const loading = FaceApiEmbedder.load(data.settings.tfjsBackend).then(
        (embedder) => new LocalFaceAnalyser(detector, embedder, data.recognition ?? DEFAULT_RECOGNITION_SETTINGS),
      );
      loading.catch(() => {
        if (analyser === loading) analyser = undefined;
      });
      analyser = loading;
    }
    return analyser.then((a) => a.analyse(taskToFrame(task), { regions: task.regions, embed: task.embed }));
  };
}

/**
 * A load failure is reported to the pool (so start() fails with the reason) and every frame sent
 * here fails with it. Rejecting the exported promise instead would make Piscina retry the file as
 * an ES module and bury the reason under an unrelated loader error.
 */
async function start(): Promise<Handler> {
  try {
    const data = workerData as DetectionWorkerData;
    const detector = await createFaceDetector(data.settings);
    await warmUp(detector);
    const analyse = lazyAnalyser(detector, data);
    parentPort?.postMessage({ [WORKER_READY]: true });
    return (task) => (task.kind === 'analyse' ? analyse(task) : detector.detect(taskToFrame(task), { minScore: task.minScore }));
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
