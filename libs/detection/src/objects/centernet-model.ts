import { readFileSync } from 'node:fs';
import type * as Tf from '@tensorflow/tfjs';
import { startTfjsBackend, type TfjsBackend } from '../model/tfjs-backend';
import type { CenterNetHeads } from './centernet-decoder';
import { centerNetAsset } from './object-assets';
import { INPUT_MULTIPLE } from './object-input';

interface GraphNode {
  name: string;
  op: string;
  attr?: { shape?: { shape?: { dim?: Array<{ size: string }> } } };
}

interface GraphModelJson {
  modelTopology: { node: GraphNode[] };
  weightsManifest: Array<{ weights: Tf.io.WeightsManifestEntry[] }>;
  signature?: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
}

/** The graph's input and the two heads Argus decodes itself. */
export const CENTERNET_GRAPH = { input: 'tower_0/images', heatmap: 'tower_0/keypoints', sizes: 'tower_0/wh' } as const;
const { input: INPUT, heatmap: HEATMAP, sizes: SIZES } = CENTERNET_GRAPH;
/**
 * The neck's three 2× up-sampling layers take their output size from constants baked for a
 * 512 × 512 input (16, 32, 64 → 32, 64, 128 cells). Fed with the sizes of the actual input, the
 * same weights run on any input whose sides are multiples of 32.
 */
const UPSAMPLE_SIZES: ReadonlyArray<readonly [string, number]> = [
  ['tower_0/CenternetHead/c5_upsample/up_sampling2d/mul', 16],
  ['tower_0/CenternetHead/c4_upsample/up_sampling2d_1/mul', 8],
  ['tower_0/CenternetHead/c3_upsample/up_sampling2d_2/mul', 4],
];

/**
 * Reads the graph with its input made size-free: the converted graph pins the input to
 * 1 × 512 × 512 × 3, which tfjs checks before running.
 */
function resizableGraphHandler(jsonPath: string, weightsPath: string): Tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as GraphModelJson;
      const input = json.modelTopology.node.find((n) => n.name === INPUT && n.op === 'Placeholder');
      const dims = input?.attr?.shape?.shape?.dim;
      if (!dims || dims.length !== 4) throw new Error(`object model ${jsonPath}: no ${INPUT} input`);
      dims[1] = { size: '-1' };
      dims[2] = { size: '-1' };
      for (const [name] of UPSAMPLE_SIZES) {
        if (!json.weightsManifest.some((g) => g.weights.some((w) => w.name === name))) {
          throw new Error(`object model ${jsonPath}: unexpected graph (no ${name})`);
        }
      }
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

/**
 * The CenterNet graph on TensorFlow.js (WASM by default): RGB 0–255 NHWC input of any size in
 * multiples of 32 → the class heat map and box sizes at a quarter of the input's resolution. The
 * graph's own top-100 decoding is not run: the heads are decoded in JavaScript (decodeCenterNet).
 */
export class CenterNetModel {
  static readonly classes = 80;

  private constructor(
    readonly name: string,
    private readonly tf: typeof Tf,
    private readonly graph: Tf.GraphModel,
  ) {}

  static async load(backend?: TfjsBackend): Promise<CenterNetModel> {
    const asset = centerNetAsset();
    const started = await startTfjsBackend(backend);
    const tf = await import('@tensorflow/tfjs');
    const graph = await tf.loadGraphModel(resizableGraphHandler(asset.json, asset.weights));
    return new CenterNetModel(`centernet-mobilenetv3 (${asset.source}, tfjs-${started})`, tf, graph);
  }

  async infer(input: Float32Array, width: number, height: number): Promise<CenterNetHeads> {
    if (width % INPUT_MULTIPLE !== 0 || height % INPUT_MULTIPLE !== 0) {
      throw new RangeError(`object model input ${width}x${height}: sides must be multiples of ${INPUT_MULTIPLE}`);
    }
    const tf = this.tf;
    const feeds: Tf.NamedTensorMap = { [INPUT]: tf.tensor4d(input, [1, height, width, 3]) };
    for (const [name, stride] of UPSAMPLE_SIZES) feeds[name] = tf.tensor1d([height / stride, width / stride], 'int32');
    try {
      const [heatmap, sizes] = this.graph.execute(feeds, [HEATMAP, SIZES]) as Tf.Tensor[];
      try {
        const [heat, wh] = await Promise.all([heatmap.data<'float32'>(), sizes.data<'float32'>()]);
        return { heatmap: heat, sizes: wh, gridWidth: heatmap.shape[2] ?? 0, gridHeight: heatmap.shape[1] ?? 0, classes: heatmap.shape[3] ?? 0 };
      } finally {
        heatmap.dispose();
        sizes.dispose();
      }
    } finally {
      for (const t of Object.values(feeds)) t.dispose();
    }
  }

  async dispose(): Promise<void> {
    this.graph.dispose();
  }
}
