import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from '../model/model-assets';

export interface ObjectModelAsset {
  /** Graph model JSON and its weights file, inside node_modules. */
  json: string;
  weights: string;
  /** Package and version the files come from (the model's name in logs and the README). */
  source: string;
}

/**
 * CenterNet on a MobileNetV3 backbone, trained on the 80 COCO classes (610265158/mobilenetv3_centernet),
 * as converted to a TensorFlow.js graph model and shipped in @vladmandic/human's models/ (MIT).
 * 4 MB of weights (float16 quantised).
 */
export function centerNetAsset(): ObjectModelAsset {
  const dir = packageDir('@vladmandic/human');
  const files = [join(dir, 'models', 'centernet.json'), join(dir, 'models', 'centernet.bin')];
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`object model file missing: ${missing.join(', ')} (run npm ci)`);
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { json: files[0], weights: files[1], source: `@vladmandic/human@${version}` };
}
