// Media store benchmark: what writing and reading snapshots (about 60 KB) and a clip-sized stream
// (20 MB) costs on the file store and on the S3 store, and what a spooled write costs while S3 is
// away, with the time to upload the spool once S3 is back. The S3 figures are on s3rver, an S3 test
// double, on loopback: they show Argus's own overhead, not a real S3 service's latency.
// Usage: npm run bench -- media-store   (MEDIA_BENCH_OBJECTS=200 MEDIA_BENCH_CLIP_MB=20)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMediaBytes, type MediaStore } from '@argus/domain';
import { FileMediaStore, S3Bucket, S3MediaStore } from '@argus/adapters';
import { S3RVER_CREDENTIALS, startS3TestServer } from '../testing/s3/s3-test-server';
import { percentile, printTable, recordResults } from './results';

const OBJECTS = Number(process.env['MEDIA_BENCH_OBJECTS'] ?? 200);
const CLIP_MB = Number(process.env['MEDIA_BENCH_CLIP_MB'] ?? 20);
const SNAPSHOT = new Uint8Array(60 * 1024).map((_, i) => (i * 31) % 256);

async function* clip(): AsyncIterable<Uint8Array> {
  for (let i = 0; i < CLIP_MB * 4; i++) yield new Uint8Array(256 * 1024).fill(i % 256);
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function measure(label: string, folder: string, store: MediaStore): Promise<Record<string, string | number>> {
  const puts: number[] = [];
  const gets: number[] = [];
  for (let i = 0; i < OBJECTS; i++) puts.push(await timed(() => store.put(`bench/${folder}/s-${i}.jpg`, SNAPSHOT, 'image/jpeg')));
  for (let i = 0; i < OBJECTS; i++) gets.push(await timed(() => readMediaBytes(store, `bench/${folder}/s-${i}.jpg`)));
  const clipPut = await timed(() => store.put(`bench/${folder}/clip.mp4`, clip(), 'video/mp4'));
  let read = 0;
  const clipGet = await timed(async () => {
    const content = await store.get(`bench/${folder}/clip.mp4`);
    for await (const chunk of content?.body ?? []) read += chunk.byteLength;
  });
  if (read !== CLIP_MB * 1024 * 1024) throw new Error(`${label}: read ${read} bytes of the clip`);
  return {
    store: label,
    snapshotPutP50Ms: +percentile(puts, 50).toFixed(2),
    snapshotPutP95Ms: +percentile(puts, 95).toFixed(2),
    snapshotGetP50Ms: +percentile(gets, 50).toFixed(2),
    snapshotGetP95Ms: +percentile(gets, 95).toFixed(2),
    clipPutMBps: Math.round(CLIP_MB / (clipPut / 1000)),
    clipGetMBps: Math.round(CLIP_MB / (clipGet / 1000)),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'argus-media-bench-'));
  const s3 = await startS3TestServer();
  const settings = { bucket: s3.bucket, prefix: 'bench/', endpoint: s3.endpoint, region: 'us-east-1', credentials: S3RVER_CREDENTIALS, forcePathStyle: true };
  const store = await S3MediaStore.open(new S3Bucket(settings), join(dir, 'spool'), { backoff: { baseMs: 100, maxMs: 500, jitter: 0, healthyAfterMs: 0 } });
  try {
    const rows = [await measure('file', 'file', new FileMediaStore(join(dir, 'media'))), await measure('s3 (s3rver)', 's3', store)];
    printTable(`Media store on this machine: ${OBJECTS} snapshots of 60 KB one after another, one ${CLIP_MB} MB clip streamed`, rows);

    await s3.stop();
    const spooled: number[] = [];
    for (let i = 0; i < OBJECTS; i++) spooled.push(await timed(() => store.put(`bench/outage/s-${i}.jpg`, SNAPSHOT, 'image/jpeg')));
    const waiting = store.status();
    const restarted = performance.now();
    await s3.start();
    await store.flushed();
    const drainMs = performance.now() - restarted;
    const outage = {
      spooledWrites: OBJECTS,
      spooledPutP50Ms: +percentile(spooled.slice(1), 50).toFixed(2),
      spooledPutP95Ms: +percentile(spooled.slice(1), 95).toFixed(2),
      firstPutMs: Math.round(spooled[0]), // the one that found S3 away
      uploadAfterReturnMs: Math.round(drainMs),
      waitingBefore: waiting.kind === 's3' ? waiting.spooled : 0,
    };
    printTable('S3 away: writes into the spool, then its upload once S3 is back (backoff ceiling 0.5 s here)', [outage]);
    recordResults('media-store', { objects: OBJECTS, clipMB: CLIP_MB, s3: 's3rver test double on loopback', stores: rows, outage });
  } finally {
    await store.close();
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
