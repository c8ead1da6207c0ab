// `npm run soak -- --minutes 30 [--cameras 8] [--fps 5] [--every 60] [--flap-every 4] [--kill-every 40]
//   [--database mongo|sqlite] [--outage-every 300] [--seed 1] [--port 4890]`
// Runs the built product (dist/server) against simulated cameras that keep failing, with its ffmpeg
// children SIGKILLed now and then and (on MongoDB, the wire-protocol double) the database away for
// 30 s at a time; prints its figures as it goes and a table at the end, and writes bench/soak.json.
// Ctrl-C or SIGTERM stops the product, the simulator and the double. Not part of CI.
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
      'kill-every': { type: 'string', default: '40' },
      database: { type: 'string', default: 'mongo' },
      'outage-every': { type: 'string', default: '300' },
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
  const database = values.database;
  if (database !== 'mongo' && database !== 'sqlite') throw new Error('--database must be mongo or sqlite');
  // About 20 lines of figures whatever the length, at least one every 15 s.
  const everyS = values.every ? num('every', 5) : Math.max(15, Math.round((minutes * 60) / 20));
  return {
    minutes,
    cameras: Math.round(num('cameras', 1)),
    fps: num('fps', 1),
    everyS,
    flapEveryS: num('flap-every', 1),
    killEveryS: num('kill-every', 1),
    database,
    outageEveryS: num('outage-every', 60),
    seed: num('seed', 0),
    port: num('port', 1),
  };
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
  const { feed, decoder } = report.ffmpegKills;
  const outages = report.databaseOutages;
  const away = Math.round(outages.reduce((sum, o) => sum + o.forS, 0));
  const flush = end.flushS === null ? 'NOT equal after 120 s' : `equal ${end.flushS} s after the cameras stopped`;
  const missing = end.alertsMissing === null ? '' : `, ${end.alertsMissing} published but not stored`;
  process.stdout.write(
    `\ncamera faults: ${flaps}\n` +
      `ffmpeg killed (SIGKILL): ${feed + decoder} (feed ${feed}, decoder ${decoder})\n` +
      `database outages: ${report.options.database === 'mongo' ? `${outages.length}, ${away} s in all` : 'none (SQLite)'}\n` +
      report.notInjected.map((what) => `not injected: ${what}\n`).join('') +
      `recovery after the last fault: ${end.recoveryS === null ? 'NOT all cameras running after 90 s' : `${end.recoveryS} s`}\n` +
      `alerts stored ${end.alertsStored}, published ${end.alertsPublished} (${flush}${missing}; duplicate events ${end.duplicateAlertEvents})\n` +
      `children after stopping every camera: ${end.childrenAfterStop}; SIGTERM → exit code ${end.exitCode} in ${end.shutdownMs} ms\n`,
  );
}

async function main(): Promise<void> {
  const opts = options();
  process.stdout.write(
    `soak: ${opts.cameras} cameras at ${opts.fps} fps for ${opts.minutes} min on ${opts.database}, a camera fault every ${opts.flapEveryS} s, ` +
      `an ffmpeg kill every ${opts.killEveryS} s${opts.database === 'mongo' ? `, the database away 30 s about every ${opts.outageEveryS} s` : ''} (seed ${opts.seed})\n\n`,
  );
  let header = false; // printed with the first figures, after any build output
  const report = await runSoak({
    ...opts,
    signal: interrupt.signal,
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
  const { end } = report;
  const healthy = end.recoveryS !== null && end.childrenAfterStop === 0 && end.exitCode === 0 && end.alertsStored === end.alertsPublished && !end.alertsMissing;
  process.exit(healthy ? 0 : 1);
}

// The first Ctrl-C or SIGTERM stops the run (runSoak stops what it started); a second one ends it at once.
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\nsoak: ${signal}, stopping the product, the simulator and the database…\n`);
    interrupt.abort(signal);
  });
}

main().catch((error: unknown) => {
  if (interrupt.signal.aborted) {
    process.stderr.write(`soak interrupted (${String(interrupt.signal.reason)}): everything it started is stopped\n`);
    process.exit(interrupt.signal.reason === 'SIGTERM' ? 143 : 130);
  }
  process.stderr.write(`soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
