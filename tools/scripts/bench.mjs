#!/usr/bin/env node
// `npm run bench [-- name...]`: runs each benchmark program in tools/bench/*.bench.ts in turn.
// Each prints its table and merges its figures into bench/results.json.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const benchDir = join(root, 'tools', 'bench');
const wanted = process.argv.slice(2);
const benches = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n=== ${file} ===\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, file)], { stdio: 'inherit', cwd: root });
  if (run.status !== 0) failed++;
}
process.stdout.write(`\n${benches.length - failed} benchmarks ran, ${failed} failed; figures in bench/results.json\n`);
process.exit(failed ? 1 : 0);
