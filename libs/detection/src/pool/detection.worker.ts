import { parentPort } from 'node:worker_threads';
import { workerData } from 'piscina';
import { createFaceDetector, type BlazeFaceDetector } from '../detector';
import { LocalObjectDetector } from '../objects/object-detector';
import { DEFAULT_OBJECT_SETTINGS } from '../objects/object-settings';
import { FaceApiEmbedder } from '../recognition/embedding-model';
import { LocalFaceAnalyser } from '../recognition/face-analyser';
import { DEFAULT_RECOGNITION_SETTINGS } from '../recognition/recognition-settings';
import { lazyLoad } from './lazy';
import {
  taskToFrame,
  WORKER_FAILED,
  WORKER_READY,
  type AnalyseTask,
  type AnalyseTaskResult,
  type DetectionWorkerData,
  type ObjectTask,
  type ObjectTaskResult,
  type WorkerTask,
  type WorkerTaskResult,
} from './protocol';

/** A few frames through the model so the first real frame doesn't pay for compilation and allocation. */
async function warmUp(detector: BlazeFaceDetector): Promise<void> {
  const width = 640;
  const height = 360;
  const frame = { width, height, channels: 3 as const, data: new Uint8Array(width * height * 3).fill(96) };
  for (let i = 0; i < 3; i++) await detector.detect(frame);
}

type Handler = (task: WorkerTask) => Promise<WorkerTaskResult>;

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
 * The object model is loaded on the first object task, not at start: cameras that detect no
 * objects never pay for it (memory or start-up time). A failed load is retried on the next task.
 */
function lazyObjects(data: DetectionWorkerData) {
  const detector = lazyLoad(() => LocalObjectDetector.load({ ...DEFAULT_OBJECT_SETTINGS, tfjsBackend: data.settings.tfjsBackend, ...data.objects }));
  return async (task: ObjectTask): Promise<ObjectTaskResult> =>
    (await detector()).detectObjects(taskToFrame(task), { minScore: task.minScore, labels: task.labels });
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
    const objects = lazyObjects(data);
    parentPort?.postMessage({ [WORKER_READY]: true });
    return (task) => {
      if (task.kind === 'analyse') return analyse(task);
      if (task.kind === 'objects') return objects(task);
      return detector.detect(taskToFrame(task), { minScore: task.minScore });
    };
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
