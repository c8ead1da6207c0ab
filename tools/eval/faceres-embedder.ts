import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Tf from '@tensorflow/tfjs';
import {
  fileModelHandler,
  l2Normalise,
  packageDir,
  startTfjsBackend,
  type AlignmentTemplate,
  type AlignedFace,
  type EmbeddingModel,
  type TfjsBackend,
} from '@argus/detection';

/**
 * Eye positions for faceres' 224×224 input, the best of those tried on the development set
 * (libs/detection/README.md, "Recognition"): a loose crop with the whole head, as VGGFace2's crops.
 */
export const FACERES_TEMPLATE: AlignmentTemplate = { size: 224, eyeY: 0.42, eyeDistance: 0.3 };

const FACERES_DESCRIPTOR = 'global_pooling/Mean';

function faceresFiles(): { json: string; weights: string; version: string } {
  const dir = packageDir('@vladmandic/human');
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { json: join(dir, 'models', 'faceres.json'), weights: join(dir, 'models', 'faceres.bin'), version };
}

/** The faceres model's name: the weights ship with @vladmandic/human, so its version names them. */
export function faceresModelName(): string {
  return `faceres@${faceresFiles().version}`;
}

/**
 * Candidate only (the evaluation compares it with face-api's network). HSE faceres (MobileNet trained on VGGFace2; 1024-D descriptor, plus age and gender heads that are
 * ignored here), shipped in @vladmandic/human's models/ (MIT), on TensorFlow.js (WASM by default).
 * Input: 224×224 RGB, values 0–255, as Human feeds it.
 */
export class FaceresEmbedder implements EmbeddingModel {
  private constructor(
    readonly name: string,
    readonly template: AlignmentTemplate,
    private readonly tf: typeof Tf,
    private readonly graph: Tf.GraphModel,
  ) {}

  static async load(backend?: TfjsBackend, template: AlignmentTemplate = FACERES_TEMPLATE): Promise<FaceresEmbedder> {
    const files = faceresFiles();
    await startTfjsBackend(backend);
    const tf = await import('@tensorflow/tfjs');
    const graph = await tf.loadGraphModel(fileModelHandler(files.json, files.weights));
    return new FaceresEmbedder(`faceres@${files.version}`, template, tf, graph);
  }

  async embed(face: AlignedFace): Promise<Float32Array> {
    const { tf } = this;
    const input = tf.tensor4d(face.pixels, [1, face.size, face.size, 3]);
    // The descriptor is an inner node (the graph's default outputs are the age and gender heads).
    const descriptor = this.graph.execute(input, FACERES_DESCRIPTOR) as Tf.Tensor;
    try {
      if (descriptor.shape[1] !== 1024) throw new Error(`faceres: descriptor of shape [${descriptor.shape.join(',')}]`);
      return l2Normalise((await descriptor.data()) as Float32Array);
    } finally {
      input.dispose();
      descriptor.dispose();
    }
  }

  async dispose(): Promise<void> {
    this.graph.dispose();
  }
}
