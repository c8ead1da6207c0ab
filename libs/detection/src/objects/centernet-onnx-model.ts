import type * as Ort from 'onnxruntime-node';
import type { CenterNetHeads } from './centernet-decoder';
import { CENTERNET_GRAPH } from './centernet-model';
import { centerNetAsset } from './object-assets';
import { INPUT_MULTIPLE } from './object-input';
import { encodeOnnxModel } from './onnx-proto';
import { readTfGraph } from './tfjs-graph';
import { tfGraphToOnnx } from './tfjs-to-onnx';

export interface OnnxObjectModelOptions {
  /** Threads ONNX Runtime may use inside one inference. 1 in pool workers: the pool is the parallelism. */
  intraOpThreads?: number;
}

/**
 * The same CenterNet weights on ONNX Runtime (CPU): the tfjs graph shipped in @vladmandic/human is
 * rewritten as an ONNX model in memory at load (tfGraphToOnnx, well under a second), so nothing new
 * has to be downloaded or committed. Same input and heads as CenterNetModel.
 */
export class CenterNetOnnxModel {
  private constructor(
    readonly name: string,
    private readonly ort: typeof Ort,
    private readonly session: Ort.InferenceSession,
  ) {}

  static async load(options: OnnxObjectModelOptions = {}): Promise<CenterNetOnnxModel> {
    const asset = centerNetAsset();
    const graph = tfGraphToOnnx(readTfGraph(asset.json, asset.weights), CENTERNET_GRAPH.input, { heatmap: CENTERNET_GRAPH.heatmap, sizes: CENTERNET_GRAPH.sizes }, 'argus');
    const ort = await import('onnxruntime-node');
    ort.env.logLevel = 'error';
    const session = await ort.InferenceSession.create(encodeOnnxModel(graph), {
      intraOpNumThreads: options.intraOpThreads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
    });
    return new CenterNetOnnxModel(`centernet-mobilenetv3 (${asset.source}, onnx)`, ort, session);
  }

  async infer(input: Float32Array, width: number, height: number): Promise<CenterNetHeads> {
    if (width % INPUT_MULTIPLE !== 0 || height % INPUT_MULTIPLE !== 0) {
      throw new RangeError(`object model input ${width}x${height}: sides must be multiples of ${INPUT_MULTIPLE}`);
    }
    const results = await this.session.run({ input: new this.ort.Tensor('float32', input, [1, height, width, 3]) });
    const heatmap = results['heatmap'];
    const sizes = results['sizes'];
    return {
      heatmap: heatmap.data as Float32Array,
      sizes: sizes.data as Float32Array,
      gridHeight: heatmap.dims[1],
      gridWidth: heatmap.dims[2],
      classes: heatmap.dims[3],
    };
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
