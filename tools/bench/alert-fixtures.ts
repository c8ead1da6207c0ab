import { randomUUID } from 'node:crypto';
import type { Alert } from '@argus/domain';
import { seededRandom } from './support/seeded-random';

export { seededRandom };

export const BENCH_CAMERAS = 50;
export const BENCH_DAYS = 30;
export const DAY_MS = 86_400_000;
/** Midnight UTC, so "a day" in the benchmark is a calendar day of the data set. */
export const BENCH_START = Date.UTC(2026, 0, 1);

export const cameraId = (index: number) => `bench-camera-${String(index % BENCH_CAMERAS).padStart(2, '0')}`;

/**
 * `total` alerts in capture order, spread evenly over 30 days (with jitter) and at random over
 * 50 cameras, yielded in batches — as a live system would have written them.
 */
export function* alertBatches(total: number, batchSize: number, random = seededRandom(42)): Generator<Alert[]> {
  const spacing = (BENCH_DAYS * DAY_MS) / total;
  for (let first = 0; first < total; first += batchSize) {
    const batch: Alert[] = [];
    for (let i = first; i < Math.min(total, first + batchSize); i++) {
      const timestamp = new Date(BENCH_START + Math.floor(i * spacing + random() * spacing));
      batch.push({
        alertId: randomUUID(),
        cameraId: cameraId(Math.floor(random() * BENCH_CAMERAS)),
        timestamp,
        bbox: { x: Math.round(random() * 1200), y: Math.round(random() * 600), width: 64, height: 80 },
        snapshotUrl: null,
        snapshotKey: `snapshots/${timestamp.getTime()}.jpg`,
        meta: { score: Math.round((0.6 + random() * 0.4) * 1000) / 1000, frameWidth: 1280, frameHeight: 720, faces: 1 },
        createdAt: timestamp,
      });
    }
    yield batch;
  }
}
