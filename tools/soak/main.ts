// `npm run soak -- --minutes 30 [--cameras 8] [--fps 5] [--every 60] [--flap-every 4] [--seed 1]`
// Runs the built product (dist/server) against simulated cameras that keep failing, prints its
// figures as it goes and a table at the end, and writes bench/soak.json. Not part of CI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SoakSample } from './sampler';
import { runSoak, type SoakOptions, type SoakReport } from './soak';

const ROOT = join(__dirname, '..', '..');

function options(): SoakOptions {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '30' },
      cameras: { type: 'string', default: '8' },
      fps: { type: 'string', default: '5' },
      every: { type: 'string' },
      'flap-every': { type: 'string', default: '4' },
      seed: { type: 'string', default: '1' },
      port: { type: 'string', default: '4890' },
    },
  });
  const num = (name: keyof typeof values, min: number) => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}`);
    return n;
  };
  const minutes = num('minutes', 0.5);
  // About 20 lines of figures whatever the length, at least one every 15 s.
  const everyS = values.every ? num('every', 5) : Math.max(15, Math.round((minutes * 60) / 20));
  return { minutes, cameras: Math.round(num('cameras', 1)), fps: num('fps', 1), everyS, flapEveryS: num('flap-every', 1), seed: num('seed', 0), port: num('port', 1) };
}

const COLUMNS: Array<[keyof SoakSample, string]> = [
  ['elapsedS', 't s'], ['rssMb', 'RSS MB'], ['heapUsedMb', 'heap MB'], ['openFds', 'fds'], ['children', 'children'],
  ['threads', 'threads'], ['running', 'running'], ['error', 'error'], ['reconnects', 'reconnects'],
  ['framesProcessed', 'processed'], ['alertsStored', 'alerts stored'], ['alertsPublished', 'published'],
];

const row = (cells: Array<string | number>) => cells.map((c) => String(c).padStart(12)).join(' ');

function printSummary(report: SoakReport): void {
  const { samples, end } = report;
  const first = samples[0] ?? end.afterStorm;
  process.stdout.write(`\n${row(['figure', 'first', 'after storm', 'min', 'max'])}\n`);
  for (const [key, label] of COLUMNS.slice(1)) {
    const values = [...samples, end.afterStorm].map((s) => s[key]);
    process.stdout.write(`${row([label, first[key], end.afterStorm[key], Math.min(...values), Math.max(...values)])}\n`);
  }
  const flaps = Object.entries(report.flaps).map(([k, n]) => `${k} ${n}`).join(', ');
  process.stdout.write(
    `\nfaults: ${flaps}\n` +
      `recovery after the last fault: ${end.recoveryS === null ? 'NOT all cameras running after 90 s' : `${end.recoveryS} s`}\n` +
      `alerts stored ${end.alertsStored}, published ${end.alertsPublished} (duplicate events ${end.duplicateAlertEvents})\n` +
      `children after stopping every camera: ${end.childrenAfterStop}; SIGTERM → exit code ${end.exitCode} in ${end.shutdownMs} ms\n`,
  );
}

async function main(): Promise<void> {
  const opts = options();
  process.stdout.write(`soak: ${opts.cameras} cameras at ${opts.fps} fps for ${opts.minutes} min, a fault every ${opts.flapEveryS} s (seed ${opts.seed})\n\n`);
  let header = false; // printed with the first figures, after any build output
  const report = await runSoak({
    ...opts,
    onSample: (s) => {
      if (!header) process.stdout.write(`${row(COLUMNS.map(([, label]) => label))}\n`);
      header = true;
      process.stdout.write(`${row(COLUMNS.map(([key]) => s[key]))}\n`);
    },
  });
  printSummary(report);
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'soak.json'), JSON.stringify(report, null, 2) + '\n');
  process.stdout.write('figures in bench/soak.json\n');
  const healthy = report.end.recoveryS !== null && report.end.childrenAfterStop === 0 && report.end.exitCode === 0 && report.end.alertsStored === report.end.alertsPublished;
  process.exit(healthy ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
