import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Tf from '@tensorflow/tfjs';
import { packageDir } from '../model/model-assets';
import { startTfjsBackend, type TfjsBackend } from '../model/tfjs-backend';
import type { AlignedFace, AlignmentTemplate } from './alignment';

/** A face-embedding network: an aligned crop in, an L2-normalised vector out. */
export interface EmbeddingModel {
  /** `name@version`: embeddings of different models (or versions) are not comparable. */
  readonly name: string;
  /** Where the model wants the eyes in its input crop. */
  readonly template: AlignmentTemplate;
  embed(face: AlignedFace): Promise<Float32Array>;
  dispose(): Promise<void>;
}

export function l2Normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const v of vector) sum += v * v;
  const norm = Math.sqrt(sum);
  if (!(norm > 0)) throw new Error('embedding has no length');
  return vector.map((v) => v / norm);
}

/**
 * Eye positions in face-api's 150×150 input, chosen on the development set (libs/detection/README.md,
 * "Recognition"); close to the dlib-style box face-api crops from its 68 landmarks.
 */
export const FACE_API_TEMPLATE: AlignmentTemplate = { size: 150, eyeY: 0.32, eyeDistance: 0.38 };

interface FaceApiModule {
  nets: {
    faceRecognitionNet: {
      loadFromDisk(dir: string): Promise<void>;
      computeFaceDescriptor(input: Tf.Tensor4D): Promise<Float32Array | Float32Array[]>;
    };
  };
}

function faceApiPackage(): { dir: string; version: string } {
  const dir = packageDir('@vladmandic/face-api');
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { dir, version };
}

/** The embedding model's `name@version` (its weights ship with @vladmandic/face-api, whose version names them). */
export function faceApiModelName(): string {
  return `face-api-resnet34@${faceApiPackage().version}`;
}

/**
 * face-api's face recognition network (a ResNet-34 after dlib's, 128-D descriptor; MIT, weights in
 * @vladmandic/face-api's model/), on TensorFlow.js (WASM by default). Input: 150×150 RGB, 0–255;
 * the network subtracts its mean colour itself.
 */
export class FaceApiEmbedder implements EmbeddingModel {
  private constructor(
    readonly name: string,
    readonly template: AlignmentTemplate,
    private readonly tf: typeof Tf,
    private readonly api: FaceApiModule,
    private readonly mirror: boolean,
  ) {}

  /** `mirror`: also embed the mirrored crop and average the two (see the README for what it buys). */
  static async load(backend?: TfjsBackend, template: AlignmentTemplate = FACE_API_TEMPLATE, mirror = true): Promise<FaceApiEmbedder> {
    await startTfjsBackend(backend);
    const tf = await import('@tensorflow/tfjs');
    const { dir, version } = faceApiPackage();
    // The package's "main" bundles tfjs-node; the node-wasm build uses the @tensorflow/tfjs already loaded.
    const api = require(join(dir, 'dist', 'face-api.node-wasm.js')) as FaceApiModule;
    await api.nets.faceRecognitionNet.loadFromDisk(join(dir, 'model'));
    return new FaceApiEmbedder(`face-api-resnet34@${version}`, template, tf, api, mirror);
  }

  async embed(face: AlignedFace): Promise<Float32Array> {
    const input = this.tf.tensor4d(face.pixels, [1, face.size, face.size, 3]);
    const flipped = this.mirror ? (this.tf.reverse(input, 2) as Tf.Tensor4D) : undefined;
    try {
      const vector = await this.descriptor(input);
      if (flipped) {
        const other = await this.descriptor(flipped);
        for (let i = 0; i < vector.length; i++) vector[i] += other[i];
      }
      return l2Normalise(vector);
    } finally {
      input.dispose();
      flipped?.dispose();
    }
  }

  private async descriptor(input: Tf.Tensor4D): Promise<Float32Array> {
    const out = await this.api.nets.faceRecognitionNet.computeFaceDescriptor(input);
    return Float32Array.from(Array.isArray(out) ? out[0] : out);
  }

  async dispose(): Promise<void> {
    // The network's weights live in face-api's module-wide `nets`; they stay for the thread's life.
  }
}
