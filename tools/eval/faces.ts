import { writeFileSync } from 'node:fs';
import type { FaceBox, Frame } from '@argus/domain';
import { detectorSettingsFromEnv } from '@argus/config/detection-config';
import { createFaceDetector, type BlazeFaceVariant, type DetectionEngine } from '@argus/detection';
import { percentile } from '../bench/results';
import { routeConsoleToStderr } from '../detect/stdout-guard';
import { decodeAll, loadDataset, type EvalDataset } from './dataset';
import { EVAL_USAGE, parseEvalArgs, type EvalArgs } from './eval-args';
import { matchImage, negativeFalsePositives, summarise, type Summary } from './matching';

interface Config {
  engine: DetectionEngine;
  model: BlazeFaceVariant;
  tiling: boolean;
}

interface Row extends Config, Summary {
  minScore: number;
  medianMs: number;
}

/**
 * Every image through one configuration, once per threshold, exactly as the live pipeline runs at
 * that threshold. (Filtering one low-threshold pass by score is not the same: the blended NMS of
 * the ONNX engine averages lower-scored boxes into the kept ones, which moves them.)
 */
async function runConfig(config: Config, frames: Map<string, Frame>, thresholds: number[]) {
  // The server's settings (e.g. TFJS_BACKEND), with this configuration's engine, model and tiling.
  const detector = await createFaceDetector({ ...detectorSettingsFromEnv(), engine: config.engine, variant: config.model, tiling: config.tiling });
  const runs: Array<{ minScore: number; faces: Map<string, FaceBox[]>; medianMs: number }> = [];
  try {
    const first = frames.values().next().value;
    if (first) await detector.detect(first); // warm-up, not timed
    for (const minScore of thresholds) {
      const faces = new Map<string, FaceBox[]>();
      const ms: number[] = [];
      for (const [file, frame] of frames) {
        const result = await detector.detect(frame, { minScore });
        faces.set(file, result.faces);
        ms.push(result.ms);
      }
      runs.push({ minScore, faces, medianMs: percentile(ms, 50) });
    }
  } finally {
    await detector.close();
  }
  return runs;
}

function score(dataset: EvalDataset, faces: Map<string, FaceBox[]>, minScore: number): Summary {
  const kept = (file: string) => (faces.get(file) ?? []).filter((f) => f.score >= minScore);
  const images = dataset.images.map((img) => matchImage(img.boxes, kept(img.file), img.minFace));
  const minFace = dataset.images[0]?.minFace ?? 24;
  const negatives = dataset.negatives.map((n) => ({ hard: n.hard, falsePositives: negativeFalsePositives(kept(n.file), minFace) }));
  return summarise(images, negatives);
}

function configs(args: EvalArgs): Config[] {
  const all: Config[] = [];
  for (const engine of args.engines) {
    for (const model of args.models) {
      if (engine === 'tfjs' && model === 'short-range') {
        process.stderr.write('eval: skipping tfjs/short-range (no tfjs weights for it in node_modules)\n');
        continue;
      }
      for (const tiling of args.tilings) all.push({ engine, model, tiling });
    }
  }
  return all;
}

function markdown(rows: Row[], dataset: EvalDataset): string {
  const faces = dataset.images.reduce((n, img) => n + img.boxes.filter((b) => b.height >= img.minFace).length, 0);
  const pct = (v: number) => (v * 100).toFixed(1) + ' %';
  const lines = [
    `${dataset.images.length} face images (${faces} faces ≥ min size), ${dataset.negatives.length} negatives ` +
      `(${dataset.negatives.filter((n) => n.hard).length} hard); IoU ≥ 0.4`,
    '',
    '| engine | model | tiling | min score | recall | precision | FP / negative | FP / hard negative | median ms |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.engine} | ${r.model} | ${r.tiling ? 'on' : 'off'} | ${r.minScore} | ${pct(r.recall)} | ${pct(r.precision)} | ` +
        `${r.fpPerNegative.toFixed(2)} | ${r.fpPerHardNegative.toFixed(2)} | ${r.medianMs.toFixed(1)} |`,
    ),
  ];
  return lines.join('\n');
}

async function main(argv: string[]): Promise<void> {
  routeConsoleToStderr();
  let args: EvalArgs;
  try {
    args = parseEvalArgs(argv);
  } catch (error) {
    process.stderr.write(`eval:faces: ${(error as Error).message}\n${EVAL_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const dataset = loadDataset(args.dir);
  process.stderr.write(`eval: decoding ${dataset.images.length + dataset.negatives.length} images...\n`);
  const frames = decodeAll(dataset);
  const rows: Row[] = [];
  for (const config of configs(args)) {
    process.stderr.write(`eval: ${config.engine}/${config.model} tiling ${config.tiling ? 'on' : 'off'}\n`);
    for (const { minScore, faces, medianMs } of await runConfig(config, frames, args.thresholds)) {
      rows.push({ ...config, minScore, medianMs, ...score(dataset, faces, minScore) });
    }
  }
  process.stdout.write(markdown(rows, dataset) + '\n');
  if (args.jsonOut) writeFileSync(args.jsonOut, JSON.stringify(rows, null, 2) + '\n');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`eval:faces: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
