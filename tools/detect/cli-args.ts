import { parseArgs } from 'node:util';

export interface DetectArgs {
  json: boolean;
  minScore?: number;
  /** Also find COCO objects. */
  objects: boolean;
  objectMinScore?: number;
  paths: string[];
  help: boolean;
}

export const USAGE = `usage: npm run --silent detect -- [--json] [--min-score S] [--objects [--object-min-score S]] PATH...
  PATH         image files (JPEG, PNG) or folders (searched recursively)
  --json       one JSON line per image: {file,width,height,ms,faces:[{x,y,width,height,score}]}
  --min-score  face score threshold in [0, 1] (default: the live pipeline's, DETECTION_MIN_SCORE)
  --objects    also find COCO objects: adds "objects":[{label,x,y,width,height,score}] (image pixels);
               ms is then the time of both detectors
  --object-min-score  object score threshold in [0, 1] (default: the object detector's)
Model settings come from the same environment as the server: DETECTION_ENGINE, DETECTION_MODEL,
DETECTION_TILING, TFJS_BACKEND.`;

/** Parses the CLI arguments; throws with a usage message on anything it does not understand. */
export function parseDetectArgs(argv: string[]): DetectArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'min-score': { type: 'string' },
      objects: { type: 'boolean', default: false },
      'object-min-score': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const args: DetectArgs = { json: values.json === true, objects: values.objects === true, paths: positionals, help: values.help === true };
  if (values['min-score'] !== undefined) args.minScore = unitScore('min-score', values['min-score']);
  if (values['object-min-score'] !== undefined) {
    if (!args.objects) throw new Error('--object-min-score needs --objects');
    args.objectMinScore = unitScore('object-min-score', values['object-min-score']);
  }
  if (!args.help && args.paths.length === 0) throw new Error('no PATH given');
  return args;
}

function unitScore(flag: string, raw: string): number {
  const score = Number(raw);
  if (raw.trim() === '' || !(score >= 0 && score <= 1)) throw new Error(`--${flag} ${raw}: expected a number in [0, 1]`);
  return score;
}
