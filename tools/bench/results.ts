import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const RESULTS_FILE = join(__dirname, '..', '..', 'bench', 'results.json');

/** Merges one benchmark's figures into bench/results.json under its own section. */
export function recordResults(section: string, figures: unknown): void {
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  const all = existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) : {};
  all[section] = { ...((figures as object) ?? {}), measuredAt: new Date().toISOString() };
  writeFileSync(RESULTS_FILE, JSON.stringify(all, null, 2) + '\n');
}

/** Percentile of an unsorted sample (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  process.stdout.write(`\n${title}\n`);
  console.table(rows);
}
