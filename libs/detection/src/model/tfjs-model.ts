import { readFileSync } from 'node:fs';
import type { FaceBox } from '@argus/domain';
import type * as Tf from '@tensorflow/tfjs';
import type * as BlazeFacePackage from '@tensorflow-models/blazeface';
import { DEFAULT_NMS, type NmsOptions } from '../geometry/nms';
import { blazeFaceAnchors, type KeypointFace } from './blazeface-decoder';
import { tfjsModelAsset, type BlazeFaceVariant } from './model-assets';
import { sortHeads, type BlazeFaceModel } from './blazeface-model';
import { startTfjsBackend, type TfjsBackend } from './tfjs-backend';

interface GraphModelJson {
  modelTopology: object;
  weightsManifest: Array<{ weights: Tf.io.WeightsManifestEntry[] }>;
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
}

/**
 * An IOHandler that reads model.json + its single weights file from disk. tfjs's own file loader
 * lives in tfjs-node (not installed) and the http loader would go to the network.
 */
export function fileModelHandler(jsonPath: string, weightsPath: string): Tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as GraphModelJson;
      const weights = readFileSync(weightsPath);
      return {
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
      };
    },
  };
}

/** What `BlazeFaceModel` of @tensorflow-models/blazeface 0.1 keeps in fields its typings mark private. */
interface PackageModelFields {
  anchors: Tf.Tensor2D;
  anchorsData: Array<[number, number]>;
  scoreThreshold: number;
}

/**
 * The graph the package's model calls `predict` on. The package expects one [1, 896, 17] output
 * (logit, then 16 regressors per anchor), as its own short-range model has; the full-range model
 * has its two heads' logits and regressors as four outputs, so they are joined here in anchor order.
 */
function singleOutputGraph(tf: typeof Tf, graph: Tf.GraphModel) {
  return {
    predict: (input: Tf.Tensor) =>
      tf.tidy(() => {
        const outputs = graph.execute(input) as Tf.Tensor3D[];
        const { logits, regressors } = sortHeads(outputs.map((t) => ({ dims: t.shape, t })));
        const heads = logits.map((logit, i) => tf.concat([logit.t, regressors[i].t], 2));
        return tf.concat(heads, 1);
      }),
    dispose: () => graph.dispose(),
  };
}

/**
 * BlazeFace through `@tensorflow-models/blazeface` on TensorFlow.js (WASM by default, tfjs-node
 * when installed). The package resizes and normalises the input, decodes the boxes, applies the
 * score threshold and non-max suppression; Argus gives it the full-range network and its anchors.
 *
 * The package builds its anchor grid for its default 128×128 short-range model (strides 8 and 16
 * pixels, 2 and 6 anchors per cell: 896 anchors). The 256×256 full-range model has the same 896
 * anchors at twice the stride (16 and 32), but an input size of 256 would make the package build a
 * 3,584-anchor grid at strides 8 and 16. So the grid is replaced by the full-range one after
 * construction, and the score threshold is set per call (both are fields of the package's class).
 */
export class TfjsBlazeFaceModel implements BlazeFaceModel {
  private constructor(
    readonly name: string,
    readonly inputSize: number,
    private readonly tf: typeof Tf,
    private readonly model: BlazeFacePackage.BlazeFaceModel,
  ) {}

  static async load(
    variant: BlazeFaceVariant,
    backend?: TfjsBackend,
    nms: NmsOptions = DEFAULT_NMS,
  ): Promise<TfjsBlazeFaceModel> {
    const asset = tfjsModelAsset(variant);
    const started = await startTfjsBackend(backend);
    const tf = await import('@tensorflow/tfjs');
    const blazeface = await import('@tensorflow-models/blazeface');
    const graph = await tf.loadGraphModel(fileModelHandler(asset.files[0], asset.files[1]));
    const size = asset.inputSize;
    const model = new blazeface.BlazeFaceModel(
      singleOutputGraph(tf, graph) as unknown as Tf.GraphModel,
      size,
      size,
      nms.maxFaces,
      nms.iouThreshold,
      1,
    );
    const fields = model as unknown as PackageModelFields;
    const anchors = blazeFaceAnchors(size);
    fields.anchors.dispose();
    fields.anchorsData = Array.from({ length: anchors.length / 2 }, (_, i) => [anchors[2 * i], anchors[2 * i + 1]]);
    fields.anchors = tf.tensor2d(fields.anchorsData);
    return new TfjsBlazeFaceModel(`tfjs-${started}/${variant}`, size, tf, model);
  }

  async detect(input: Float32Array, minScore: number, withKeypoints = false): Promise<FaceBox[]> {
    const size = this.inputSize;
    // The package normalises pixel values 0–255 to [-1, 1] itself.
    const image = this.tf.tidy(() => this.tf.tensor3d(input, [size, size, 3]).add(1).mul(127.5)) as Tf.Tensor3D;
    try {
      // Read synchronously by the package before its first await, so concurrent calls cannot mix thresholds.
      (this.model as unknown as PackageModelFields).scoreThreshold = minScore;
      const faces = await this.model.estimateFaces(image, false, false, true);
      return faces.map((face) => {
        const [x1, y1] = face.topLeft as [number, number];
        const [x2, y2] = face.bottomRight as [number, number];
        const probability = face.probability as unknown as number[];
        const box: FaceBox = { x: x1, y: y1, width: x2 - x1, height: y2 - y1, score: probability[0] };
        if (withKeypoints) (box as KeypointFace).keypoints = (face.landmarks as number[][]).flat();
        return box;
      }).filter((box) => box.width > 0 && box.height > 0);
    } finally {
      image.dispose();
    }
  }

  async dispose(): Promise<void> {
    this.model.dispose();
  }
}
