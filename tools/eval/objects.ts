import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectorSettingsFromEnv } from '@argus/config/detection-config';
import { DEFAULT_OBJECT_SETTINGS, LocalObjectDetector, type ObjectEngine } from '@argus/detection';
import { percentile } from '../bench/results';
import { readImageFile } from '../detect/image-file';
import { routeConsoleToStderr } from '../detect/stdout-guard';
import { OBJECT_EVAL_USAGE, parseObjectEvalArgs, type ObjectEvalArgs } from './objects-args';
import { loadObjectDataset, type ObjectDataset } from './objects-dataset';
import { apPerLabel, meanAp, MIN_OBJECT_AREA, operatingPoint, type LabelResult, type OperatingPoint, type ScoredImage } from './objects-metrics';

/** Detections are collected down to this score: the precision/recall curve needs the low ones too. */
const CURVE_FLOOR = 0.05;

interface SizeResult {
  engine: ObjectEngine;
  inputSize: number;
  labels: LabelResult[];
  meanAp: number;
  medianMs: number;
  points: Array<OperatingPoint & { personRecall: number; personPrecision: number }>;
}

/**
 * Every image through the detector once at the curve floor. Class-wise NMS keeps a box only when
 * no better box of its label covers it, so the boxes a higher threshold would return are exactly
 * these filtered by score: one pass gives every operating point.
 */
async function runSize(engine: ObjectEngine, inputSize: number, dataset: ObjectDataset, args: ObjectEvalArgs): Promise<SizeResult> {
  const detector = await LocalObjectDetector.load({
    ...DEFAULT_OBJECT_SETTINGS,
    engine,
    inputSize,
    minScore: CURVE_FLOOR,
    tfjsBackend: detectorSettingsFromEnv().tfjsBackend,
  });
  const images: ScoredImage[] = [];
  const ms: number[] = [];
  try {
    for (const [i, image] of dataset.images.entries()) {
      const frame = readImageFile(join(dataset.dir, image.file));
      if (i === 0) await detector.detectObjects(frame); // warm-up, not timed
      const result = await detector.detectObjects(frame);
      ms.push(result.ms);
      images.push({ truth: image.objects, detections: result.objects });
    }
  } finally {
    await detector.close();
  }
  const labels = apPerLabel(images);
  const persons = images.map((im) => ({ truth: im.truth.filter((t) => t.label === 'person'), detections: im.detections.filter((d) => d.label === 'person') }));
  const points = args.thresholds.map((t) => {
    const person = operatingPoint(persons, t);
    return { ...operatingPoint(images, t), personRecall: person.recall, personPrecision: person.precision };
  });
  return { engine, inputSize, labels, meanAp: meanAp(labels), medianMs: percentile(ms, 50), points };
}

const fixed = (v: number | null, digits = 3) => (v === null ? '–' : v.toFixed(digits));
const pct = (v: number) => (v * 100).toFixed(1) + ' %';

function markdown(results: SizeResult[], dataset: ObjectDataset): string {
  const objects = dataset.images.reduce((n, im) => n + im.objects.length, 0);
  const ignored = dataset.images.reduce((n, im) => n + im.objects.filter((o) => o.width * o.height < MIN_OBJECT_AREA).length, 0);
  const present = results[0]?.labels.filter((l) => l.ap !== null).length ?? 0;
  const header = `| label | objects | ${results.map((r) => `AP50 ${r.engine} @${r.inputSize}`).join(' | ')} |`;
  const labelRows = (results[0]?.labels ?? [])
    .filter((l) => l.objects > 0)
    .sort((a, b) => b.objects - a.objects || a.label.localeCompare(b.label))
    .map((l) => `| ${l.label} | ${l.objects} | ${results.map((r) => fixed(r.labels.find((x) => x.label === l.label)?.ap ?? null)).join(' | ')} |`);
  return [
    `${dataset.images.length} images, ${objects} objects (${ignored} under 32×32 px ignored), ${present} labels with objects that count; IoU ≥ 0.5`,
    '',
    '| engine | input size | person AP50 | mean AP50 | median ms / image |',
    '|---|---|---|---|---|',
    ...results.map((r) => `| ${r.engine} | ${r.inputSize} | ${fixed(r.labels.find((l) => l.label === 'person')?.ap ?? null)} | ${fixed(r.meanAp)} | ${r.medianMs.toFixed(1)} |`),
    '',
    '| engine | input size | min score | recall | precision | FP / image | person recall | person precision |',
    '|---|---|---|---|---|---|---|---|',
    ...results.flatMap((r) =>
      r.points.map((p) => `| ${r.engine} | ${r.inputSize} | ${p.minScore} | ${pct(p.recall)} | ${pct(p.precision)} | ${p.fpPerImage.toFixed(2)} | ${pct(p.personRecall)} | ${pct(p.personPrecision)} |`),
    ),
    '',
    header,
    `|---|---|${results.map(() => '---|').join('')}`,
    ...labelRows,
  ].join('\n');
}

async function main(argv: string[]): Promise<void> {
  routeConsoleToStderr();
  let args: ObjectEvalArgs;
  try {
    args = parseObjectEvalArgs(argv);
  } catch (error) {
    process.stderr.write(`eval:objects: ${(error as Error).message}\n${OBJECT_EVAL_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const dataset = loadObjectDataset(args.dir);
  const results: SizeResult[] = [];
  for (const engine of args.engines) {
    for (const inputSize of args.inputSizes) {
      process.stderr.write(`eval:objects: ${engine} at input size ${inputSize}, ${dataset.images.length} images...\n`);
      results.push(await runSize(engine, inputSize, dataset, args));
    }
  }
  process.stdout.write(markdown(results, dataset) + '\n');
  if (args.jsonOut) writeFileSync(args.jsonOut, JSON.stringify(results, null, 2) + '\n');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`eval:objects: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
