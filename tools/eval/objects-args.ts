import { parseArgs } from 'node:util';
import { OBJECT_ENGINES, type ObjectEngine } from '@argus/detection';

export interface ObjectEvalArgs {
  dir: string;
  engines: ObjectEngine[];
  inputSizes: number[];
  thresholds: number[];
  jsonOut?: string;
}

export const OBJECT_EVAL_USAGE = `usage: npm run eval:objects -- [options] DIR
  DIR             folder with annotations.json ({classes, images: [{file, width, height, objects: [{class, box}]}]})
  --engine        comma list of onnx, tfjs (default onnx)
  --input-size    comma list of model input sizes, px, multiples of 32 (default 512)
  --min-score     comma list of thresholds for the operating-point table (default 0.2,0.25,0.3,0.35,0.4,0.5)
  --json FILE     also write the results as JSON`;

function numbers(flag: string, raw: string, valid: (n: number) => boolean, expected: string): number[] {
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (items.length === 0 || items.some((n) => !valid(n))) throw new Error(`--${flag} ${raw}: expected ${expected}`);
  return [...new Set(items)].sort((a, b) => a - b);
}

export function parseObjectEvalArgs(argv: string[]): ObjectEvalArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      engine: { type: 'string', default: 'onnx' },
      'input-size': { type: 'string', default: '512' },
      'min-score': { type: 'string', default: '0.2,0.25,0.3,0.35,0.4,0.5' },
      json: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new Error('expected exactly one DIR');
  const engines = String(values.engine).split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = engines.find((e) => !(OBJECT_ENGINES as readonly string[]).includes(e));
  if (engines.length === 0 || unknown !== undefined) throw new Error(`--engine ${values.engine}: expected ${OBJECT_ENGINES.join(' or ')}`);
  return {
    dir: positionals[0],
    engines: [...new Set(engines)] as ObjectEngine[],
    inputSizes: numbers('input-size', String(values['input-size']), (n) => Number.isInteger(n) && n >= 128 && n <= 1280 && n % 32 === 0, 'multiples of 32 from 128 to 1280'),
    thresholds: numbers('min-score', String(values['min-score']), (n) => n >= 0 && n <= 1, 'numbers in [0, 1]'),
    jsonOut: values.json,
  };
}
