import { parseArgs } from 'node:util';
import type { BlazeFaceVariant, DetectionEngine } from '@argus/detection';

export interface EvalArgs {
  dir: string;
  engines: DetectionEngine[];
  models: BlazeFaceVariant[];
  tilings: boolean[];
  /** Second stage (SSD on each candidate) off and/or on. */
  verifies: boolean[];
  /** Small-face tiles off and/or on. */
  smallTiles: boolean[];
  thresholds: number[];
  jsonOut?: string;
}

export const EVAL_USAGE = `usage: npm run eval:faces -- [options] DIR
  DIR            folder laid out like the shared dev set: images/annotations.json, negatives/list.json
  --engine       comma list of onnx, tfjs                  (default onnx)
  --model        comma list of full-range, short-range     (default full-range)
  --tiling       comma list of off, on                     (default on)
  --small-tiles  comma list of off, on: small-face tiles   (default on)
  --verify       comma list of off, on: SSD second stage   (default on)
  --min-score    comma list of thresholds                  (default 0.2,0.25,0.3,0.35,0.4; off: 0.5,0.6,0.7)
  --json FILE    also write the rows as JSON`;

function list<T extends string>(flag: string, raw: string, allowed: readonly T[]): T[] {
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) throw new Error(`--${flag} ${item}: expected ${allowed.join(' or ')}`);
  }
  return items as T[];
}

export function parseEvalArgs(argv: string[]): EvalArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      engine: { type: 'string', default: 'onnx' },
      model: { type: 'string', default: 'full-range' },
      tiling: { type: 'string', default: 'on' },
      'small-tiles': { type: 'string', default: 'on' },
      verify: { type: 'string', default: 'on' },
      'min-score': { type: 'string' },
      json: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new Error('expected exactly one DIR');
  const onOff = (flag: string, raw: string) => list(flag, raw, ['off', 'on'] as const).map((t) => t === 'on');
  const verifies = onOff('verify', String(values.verify));
  const fallback = verifies.includes(true) ? '0.2,0.25,0.3,0.35,0.4' : '0.5,0.6,0.7';
  const rawThresholds = values['min-score'] ?? fallback;
  const thresholds = rawThresholds.split(',').map(Number);
  if (thresholds.some((t) => !(t >= 0 && t <= 1))) throw new Error(`--min-score ${rawThresholds}: numbers in [0, 1]`);
  return {
    dir: positionals[0],
    engines: list('engine', String(values.engine), ['onnx', 'tfjs'] as const),
    models: list('model', String(values.model), ['full-range', 'short-range'] as const),
    tilings: onOff('tiling', String(values.tiling)),
    verifies,
    smallTiles: onOff('small-tiles', String(values['small-tiles'])),
    thresholds: [...thresholds].sort((a, b) => a - b),
    jsonOut: values.json,
  };
}
