import { OBJECT_LABELS, type Frame, type ObjectBox, type ObjectDetectionResult, type ObjectDetectOptions, type ObjectDetector } from '@argus/domain';
import { clipToFrame } from '../geometry/region';
import { decodeCenterNet, type CenterNetHeads, type ObjectCandidate } from './centernet-decoder';
import { CenterNetModel } from './centernet-model';
import { CenterNetOnnxModel } from './centernet-onnx-model';
import { classWiseNms } from './class-nms';
import { objectInputLayout, toObjectInput, type ObjectInputLayout } from './object-input';
import { DEFAULT_OBJECT_SETTINGS, type ObjectDetectorSettings } from './object-settings';

/** CenterNet on one runtime: RGB 0–255 NHWC input (sides multiples of 32) → its two heads. */
export interface CenterNetRuntime {
  readonly name: string;
  infer(input: Float32Array, width: number, height: number): Promise<CenterNetHeads>;
  dispose(): Promise<void>;
}

/** The class indices of the asked labels (all classes when no list is given). */
function classFilter(labels: ObjectDetectOptions['labels']): ReadonlySet<number> | undefined {
  if (!labels) return undefined;
  return new Set(labels.map((label) => OBJECT_LABELS.indexOf(label)).filter((i) => i >= 0));
}

/** From model-input pixels to frame pixels, clipped to the frame; undefined when nothing is left. */
export function toFrameObject(candidate: ObjectCandidate, layout: ObjectInputLayout, frameWidth: number, frameHeight: number): ObjectBox | undefined {
  const label = OBJECT_LABELS[candidate.classId];
  if (label === undefined) return undefined;
  const box = clipToFrame(
    {
      label,
      x: candidate.x / layout.scale,
      y: candidate.y / layout.scale,
      width: candidate.width / layout.scale,
      height: candidate.height / layout.scale,
      score: candidate.score,
    },
    frameWidth,
    frameHeight,
  );
  return box.width > 0 && box.height > 0 ? box : undefined;
}

/**
 * In-process COCO object detector (CenterNet): fit the frame into the model input → heads → decode
 * (heat-map peaks ≥ threshold) → frame pixels → class-wise NMS. Runs on the calling thread; the live
 * pipeline uses it inside DetectionPool's workers, the CLI and the evaluation use it directly.
 */
export class LocalObjectDetector implements ObjectDetector {
  private buffer = new Float32Array(0);

  private constructor(
    private readonly model: CenterNetRuntime,
    readonly settings: ObjectDetectorSettings,
  ) {}

  static async load(settings: ObjectDetectorSettings = DEFAULT_OBJECT_SETTINGS): Promise<LocalObjectDetector> {
    objectInputLayout(1, 1, settings.inputSize); // a bad input size fails here, not on the first frame
    const model = settings.engine === 'tfjs' ? await CenterNetModel.load(settings.tfjsBackend) : await CenterNetOnnxModel.load();
    return new LocalObjectDetector(model, settings);
  }

  get modelName(): string {
    return this.model.name;
  }

  async detectObjects(frame: Frame, options: ObjectDetectOptions = {}): Promise<ObjectDetectionResult> {
    const started = performance.now();
    const minScore = options.minScore ?? this.settings.minScore;
    const only = classFilter(options.labels);
    if (only?.size === 0) return { objects: [], ms: performance.now() - started };
    const layout = objectInputLayout(frame.width, frame.height, this.settings.inputSize);
    const size = layout.width * layout.height * 3;
    if (this.buffer.length !== size) this.buffer = new Float32Array(size);
    const heads = await this.model.infer(toObjectInput(frame, layout, this.buffer), layout.width, layout.height);
    const objects: ObjectBox[] = [];
    for (const candidate of decodeCenterNet(heads, minScore, this.settings.maxObjects, only)) {
      const box = toFrameObject(candidate, layout, frame.width, frame.height);
      if (box) objects.push(box);
    }
    return { objects: classWiseNms(objects, (o) => o.label, this.settings.iouThreshold), ms: performance.now() - started };
  }

  async close(): Promise<void> {
    await this.model.dispose();
  }
}
