import type { DetectionResult, FaceBox, ObjectBox } from '@argus/domain';
import { detectorSettingsFromEnv } from '@argus/config/detection-config';
import { createFaceDetector, DEFAULT_OBJECT_SETTINGS, LocalObjectDetector, type BlazeFaceDetector } from '@argus/detection';
import { parseDetectArgs, USAGE, type DetectArgs } from './cli-args';
import { collectImages, type ImagePath } from './collect-images';
import { readImageFile } from './image-file';
import { routeConsoleToStderr } from './stdout-guard';

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function roundFace(face: FaceBox): FaceBox {
  return {
    x: round(face.x, 1),
    y: round(face.y, 1),
    width: round(face.width, 1),
    height: round(face.height, 1),
    score: round(face.score, 4),
  };
}

function roundObject(o: ObjectBox): ObjectBox {
  return { label: o.label, ...roundFace(o) };
}

interface ImageResult extends DetectionResult {
  objects?: ObjectBox[];
}

function formatResult(args: DetectArgs, file: string, width: number, height: number, result: ImageResult): string {
  const faces = result.faces.map(roundFace);
  const objects = result.objects?.map(roundObject);
  if (args.json) return JSON.stringify({ file, width, height, ms: round(result.ms, 1), faces, ...(objects ? { objects } : {}) });
  const lines = faces.map((f) => `  ${f.x},${f.y} ${f.width}x${f.height} score ${f.score}`);
  for (const o of objects ?? []) lines.push(`  ${o.label} ${o.x},${o.y} ${o.width}x${o.height} score ${o.score}`);
  const counts = `${faces.length} face(s)${objects ? `, ${objects.length} object(s)` : ''}`;
  return `${file} (${width}x${height}, ${round(result.ms, 1)} ms): ${counts}${lines.length > 0 ? '\n' + lines.join('\n') : ''}`;
}

/** Detects faces (and objects) in each file in turn; returns how many could not be read. */
async function detectAll(args: DetectArgs, detector: BlazeFaceDetector, objects: LocalObjectDetector | undefined, images: ImagePath[]): Promise<number> {
  let failures = 0;
  for (const { file, path } of images) {
    try {
      const frame = readImageFile(path);
      const result: ImageResult = await detector.detect(frame, { minScore: args.minScore });
      if (objects) {
        const found = await objects.detectObjects(frame, { minScore: args.objectMinScore });
        result.objects = found.objects;
        result.ms += found.ms;
      }
      process.stdout.write(formatResult(args, file, frame.width, frame.height, result) + '\n');
    } catch (error) {
      failures++;
      process.stderr.write(`detect: ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  return failures;
}

async function main(argv: string[]): Promise<number> {
  routeConsoleToStderr();
  let args: DetectArgs;
  try {
    args = parseDetectArgs(argv);
  } catch (error) {
    process.stderr.write(`detect: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stderr.write(USAGE + '\n');
    return 0;
  }
  const { images, problems } = collectImages(args.paths);
  for (const problem of problems) process.stderr.write(`detect: ${problem}\n`);
  const settings = detectorSettingsFromEnv(); // the server's settings, from the same variables
  const detector = await createFaceDetector(settings);
  const objects = args.objects ? await LocalObjectDetector.load({ ...DEFAULT_OBJECT_SETTINGS, tfjsBackend: settings.tfjsBackend }) : undefined;
  try {
    const failures = await detectAll(args, detector, objects, images);
    return problems.length + failures > 0 ? 1 : 0;
  } finally {
    await detector.close();
    await objects?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`detect: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
