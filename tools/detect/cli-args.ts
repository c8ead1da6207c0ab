import { parseArgs } from 'node:util';

export interface DetectArgs {
  json: boolean;
  minScore?: number;
  paths: string[];
  help: boolean;
}

export const USAGE = `usage: npm run --silent detect -- [--json] [--min-score S] PATH...
  PATH         image files (JPEG, PNG) or folders (searched recursively)
  --json       one JSON line per image: {file,width,height,ms,faces:[{x,y,width,height,score}]}
  --min-score  score threshold in [0, 1] (default: the live pipeline's, DETECTION_MIN_SCORE)
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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const args: DetectArgs = { json: values.json === true, paths: positionals, help: values.help === true };
  if (values['min-score'] !== undefined) {
    const score = Number(values['min-score']);
    if (!(score >= 0 && score <= 1)) throw new Error(`--min-score ${values['min-score']}: expected a number in [0, 1]`);
    args.minScore = score;
  }
  if (!args.help && args.paths.length === 0) throw new Error('no PATH given');
  return args;
}
