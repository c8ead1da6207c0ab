/**
 * Alerts listing benchmark (`npm run bench`): fills each AlertRepository adapter with alerts over
 * 50 cameras and 30 days, then times the port's `list` (items and total) for the console's
 * common queries. SQLite gets 1,000,000 alerts in a temporary directory. MongoDB uses
 * MONGODB_URI when set (same count, a throw-away database); otherwise the in-memory wire-protocol
 * test double with a smaller count — those figures describe the test double, not MongoDB.
 * Environment: BENCH_ALERTS (SQLite/real MongoDB count), BENCH_DOUBLE_ALERTS, BENCH_RUNS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import type { Alert, AlertListQuery, AlertRepository } from '@argus/domain';
import { SqliteAlertRepository, SqliteDatabase, createMongoRepositories, ensureMongoIndexes } from '@argus/adapters/persistence';
import { startMongoWireServer } from '../testing/mongo-wire';
import { BENCH_DAYS, BENCH_START, DAY_MS, alertBatches, cameraId } from './alert-fixtures';
import { percentile, printTable, recordResults } from './results';

const ALERTS = Number(process.env.BENCH_ALERTS ?? 1_000_000);
const DOUBLE_ALERTS = Number(process.env.BENCH_DOUBLE_ALERTS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARM_UP_RUNS = 5;
const PAGE = 50;

interface BulkAlertRepository extends AlertRepository {
  addMany(alerts: readonly Alert[]): Promise<void>;
}

interface Scenario {
  name: string;
  query: (run: number) => AlertListQuery;
}

const SCENARIOS: Scenario[] = [
  { name: 'newest page of 50, all cameras', query: () => ({ offset: 0, limit: PAGE }) },
  { name: "one camera's newest page of 50", query: (run) => ({ cameraIds: [cameraId(run)], offset: 0, limit: PAGE }) },
  {
    name: 'one day, page 10 of 50',
    query: (run) => {
      const from = BENCH_START + (run % BENCH_DAYS) * DAY_MS;
      return { from: new Date(from), to: new Date(from + DAY_MS - 1), offset: 9 * PAGE, limit: PAGE };
    },
  },
  // Not a target: what an operator who sees 5 of the 50 cameras gets.
  { name: "5 cameras' newest page of 50 (extra)", query: (run) => ({ cameraIds: [0, 1, 2, 3, 4].map((i) => cameraId(run + i * 7)), offset: 0, limit: PAGE }) },
];

interface AdapterFigures {
  adapter: string;
  alerts: number;
  insertSeconds: number;
  insertPerSecond: number;
  queries: Array<{ query: string; runs: number; p50Ms: number; p95Ms: number; total: number }>;
}

async function fill(repository: BulkAlertRepository, count: number, batchSize: number): Promise<number> {
  const started = performance.now();
  let written = 0;
  for (const batch of alertBatches(count, batchSize)) {
    await repository.addMany(batch);
    written += batch.length;
    if (written % (batchSize * 20) === 0) process.stdout.write(`  ${written.toLocaleString('en-US')} alerts written\r`);
  }
  return (performance.now() - started) / 1000;
}

async function timeScenario(repository: AlertRepository, scenario: Scenario): Promise<{ p50Ms: number; p95Ms: number; total: number }> {
  for (let run = 0; run < WARM_UP_RUNS; run++) await repository.list(scenario.query(run));
  const samples: number[] = [];
  let total = 0;
  for (let run = 0; run < RUNS; run++) {
    const query = scenario.query(run);
    const started = performance.now();
    const page = await repository.list(query);
    samples.push(performance.now() - started);
    // A page that came back empty or short would make the timing meaningless.
    if (page.items.length !== query.limit) throw new Error(`${scenario.name}: ${page.items.length} items, expected ${query.limit}`);
    total = page.total;
  }
  return { p50Ms: round(percentile(samples, 50)), p95Ms: round(percentile(samples, 95)), total };
}

async function measure(adapter: string, repository: BulkAlertRepository, count: number, batchSize: number): Promise<AdapterFigures> {
  process.stdout.write(`\n${adapter}: inserting ${count.toLocaleString('en-US')} alerts\n`);
  const insertSeconds = await fill(repository, count, batchSize);
  const newest = await repository.list({ offset: 0, limit: 1 });
  if (newest.total !== count) throw new Error(`${adapter}: total ${newest.total}, expected ${count}`);
  const queries = [];
  for (const scenario of SCENARIOS) queries.push({ query: scenario.name, runs: RUNS, ...(await timeScenario(repository, scenario)) });
  return { adapter, alerts: count, insertSeconds: round(insertSeconds), insertPerSecond: Math.round(count / insertSeconds), queries };
}

async function benchSqlite(): Promise<AdapterFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'argus-bench-'));
  const db = SqliteDatabase.openInDataDir(dir);
  try {
    return await measure('SQLite (libsql, file in a temp dir, WAL)', new SqliteAlertRepository(db), ALERTS, 10_000);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchMongo(): Promise<AdapterFigures> {
  const realUri = process.env.MONGODB_URI;
  const double = realUri ? undefined : await startMongoWireServer();
  const connection = await mongoose.createConnection(realUri ?? (double as { uri: string }).uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  const db = connection.useDb(`argus_bench_${process.pid}_${Date.now().toString(36)}`, { useCache: false });
  try {
    await ensureMongoIndexes(db);
    const { alerts } = createMongoRepositories(db);
    const label = realUri ? 'MongoDB (MONGODB_URI)' : 'mongo-wire TEST DOUBLE (in-memory mingo, not a database)';
    return await measure(label, alerts, realUri ? ALERTS : DOUBLE_ALERTS, 5_000);
  } finally {
    await db.dropDatabase();
    await connection.close();
    await double?.stop();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function print(figures: AdapterFigures[]): void {
  const rows = figures.flatMap((f) =>
    f.queries.map((q) => ({ adapter: f.adapter, alerts: f.alerts, query: q.query, 'p50 ms': q.p50Ms, 'p95 ms': q.p95Ms, 'total (last run)': q.total, runs: q.runs })),
  );
  printTable('Alert listing through AlertRepository.list (items + total)', rows);
  printTable(
    'Insert throughput (adapter addMany, batches in capture order)',
    figures.map((f) => ({ adapter: f.adapter, alerts: f.alerts, seconds: f.insertSeconds, 'alerts/s': f.insertPerSecond })),
  );
}

async function main(): Promise<void> {
  const figures = [await benchSqlite(), await benchMongo()];
  print(figures);
  recordResults('alerts', {
    note: 'p50/p95 over runs of AlertRepository.list after warm-up; the Mongo figures are for the wire test double unless adapter says MONGODB_URI',
    adapters: figures,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
