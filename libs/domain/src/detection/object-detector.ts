import type { Frame } from './face-detector';

/**
 * The 80 COCO object classes, in the COCO index order the object models were trained with. These are
 * the labels a camera may ask to alert on and that `GET /api/detection/labels` lists.
 */
export const OBJECT_LABELS = [
  'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light',
  'fire hydrant', 'stop sign', 'parking meter', 'bench', 'bird', 'cat', 'dog', 'horse', 'sheep', 'cow',
  'elephant', 'bear', 'zebra', 'giraffe', 'backpack', 'umbrella', 'handbag', 'tie', 'suitcase', 'frisbee',
  'skis', 'snowboard', 'sports ball', 'kite', 'baseball bat', 'baseball glove', 'skateboard', 'surfboard',
  'tennis racket', 'bottle', 'wine glass', 'cup', 'fork', 'knife', 'spoon', 'bowl', 'banana', 'apple',
  'sandwich', 'orange', 'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake', 'chair', 'couch',
  'potted plant', 'bed', 'dining table', 'toilet', 'tv', 'laptop', 'mouse', 'remote', 'keyboard',
  'cell phone', 'microwave', 'oven', 'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase',
  'scissors', 'teddy bear', 'hair drier', 'toothbrush',
] as const;

export type ObjectLabel = (typeof OBJECT_LABELS)[number];

export function isObjectLabel(value: unknown): value is ObjectLabel {
  return typeof value === 'string' && (OBJECT_LABELS as readonly string[]).includes(value);
}

/** One object found in a frame; the box is in the frame's own pixels. */
export interface ObjectBox {
  label: ObjectLabel;
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
}

export interface ObjectDetectOptions {
  /** Overrides the detector's default score threshold. */
  minScore?: number;
  /** Only these labels are returned (all when absent). */
  labels?: readonly ObjectLabel[];
}

export interface ObjectDetectionResult {
  objects: ObjectBox[];
  /** Time spent in the detector, ms. */
  ms: number;
}

/** Finds COCO objects in a frame. */
export interface ObjectDetector {
  detectObjects(frame: Frame, options?: ObjectDetectOptions): Promise<ObjectDetectionResult>;
}
