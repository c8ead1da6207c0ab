import { readFileSync } from 'node:fs';
import type * as Tf from '@tensorflow/tfjs';
import { tfjsModelAsset, type BlazeFaceVariant } from './model-assets';
import { assembleHeads, type BlazeFaceModel } from './blazeface-model';
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

/** BlazeFace on TensorFlow.js (WASM by default, tfjs-node when installed). */
export class TfjsBlazeFaceModel implements BlazeFaceModel {
  private constructor(
    readonly name: string,
    readonly inputSize: number,
    private readonly tf: typeof Tf,
    private readonly model: Tf.GraphModel,
  ) {}

  static async load(variant: BlazeFaceVariant, backend?: TfjsBackend): Promise<TfjsBlazeFaceModel> {
    const asset = tfjsModelAsset(variant);
    const started = await startTfjsBackend(backend);
    const tf = await import('@tensorflow/tfjs');
    const model = await tf.loadGraphModel(fileModelHandler(asset.files[0], asset.files[1]));
    return new TfjsBlazeFaceModel(`tfjs-${started}/${variant}`, asset.inputSize, tf, model);
  }

  async infer(input: Float32Array) {
    const size = this.inputSize;
    const x = this.tf.tensor4d(input, [1, size, size, 3]);
    const outputs = this.model.execute(x) as Tf.Tensor[];
    try {
      const data = await Promise.all(outputs.map((t) => t.data<'float32'>()));
      return assembleHeads(outputs.map((t, i) => ({ dims: t.shape, data: data[i] })));
    } finally {
      this.tf.dispose([x, ...outputs]);
    }
  }

  async dispose(): Promise<void> {
    this.model.dispose();
  }
}
