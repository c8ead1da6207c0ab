import type { DetectionResult, FaceBox } from '@argus/domain';
import { detectorSettingsFromEnv } from '@argus/config/detection-config';
import { createFaceDetector, type BlazeFaceDetector } from '@argus/detection';
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

function formatResult(args: DetectArgs, file: string, width: number, height: number, result: DetectionResult): string {
  const faces = result.faces.map(roundFace);
  if (args.json) return JSON.stringify({ file, width, height, ms: round(result.ms, 1), faces });
  const list = faces.map((f) => `  ${f.x},${f.y} ${f.width}x${f.height} score ${f.score}`).join('\n');
  return `${file} (${width}x${height}, ${round(result.ms, 1)} ms): ${faces.length} face(s)${list ? '\n' + list : ''}`;
}

/** Detects faces in each file in turn; returns how many could not be read. */
async function detectAll(args: DetectArgs, detector: BlazeFaceDetector, images: ImagePath[]): Promise<number> {
  let failures = 0;
  for (const { file, path } of images) {
    try {
      const frame = readImageFile(path);
      const result = await detector.detect(frame, { minScore: args.minScore });
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
  const detector = await createFaceDetector(detectorSettingsFromEnv()); // the server's settings, from the same variables
  try {
    const failures = await detectAll(args, detector, images);
    return problems.length + failures > 0 ? 1 : 0;
  } finally {
    await detector.close();
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
