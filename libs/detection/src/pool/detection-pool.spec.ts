import { join } from 'node:path';
import type { Frame } from '@argus/domain';
import { astronautFrame } from '../../test/frames';
import { DEFAULT_DETECTOR_SETTINGS } from '../settings';
import { DetectionPool, type DetectionPoolOptions } from './detection-pool';
import { DetectionPoolClosedError, DetectionQueueFullError, DetectionTimeoutError, DetectionWorkerError } from './errors';
import { detectionWorkerEntry } from './worker-file';

const fakeWorker = detectionWorkerEntry(join(__dirname, '..', '..', 'test'), 'fake-detection.worker');

/** A frame the fake worker sleeps `ms` on; width 1 crashes it, width 2 hangs it. */
const frame = (ms: number, width = 4, fill = 7): Frame => ({ width, height: ms, channels: 3, data: new Uint8Array(width * 3 * Math.max(ms, 1)).fill(fill) });

describe('DetectionPool (fake worker)', () => {
  let counters: Int32Array;
  let pool: DetectionPool | undefined;

  async function startPool(options: DetectionPoolOptions): Promise<DetectionPool> {
    const shared = new SharedArrayBuffer(8);
    counters = new Int32Array(shared);
    pool = await DetectionPool.start({ ...options, worker: { ...fakeWorker, extra: { counters: shared } }, onError: () => undefined });
    return pool;
  }

  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('runs frames on all threads at once and returns each frame its own result', async () => {
    const p = await startPool({ threads: 2, maxQueue: 8 });
    const results = await Promise.all([1, 2, 3, 4].map((n) => p.detect(frame(150, 4, n))));
    expect(results.map((r) => r.faces[0].x)).toEqual([1, 2, 3, 4]);
    expect(Atomics.load(counters, 1)).toBe(2);
  });

  it('moves the pixel buffer to the worker instead of copying it', async () => {
    const p = await startPool({ threads: 1 });
    const f = frame(1);
    const result = await p.detect(f);
    expect(result.faces[0].width).toBe(12);
    expect(f.data.byteLength).toBe(0); // detached: transferred, not copied
  });

  it('copies a frame that is a view into a larger buffer, leaving the caller’s buffer intact', async () => {
    const p = await startPool({ threads: 1 });
    const big = new Uint8Array(100).fill(5);
    const result = await p.detect({ width: 4, height: 1, channels: 3, data: big.subarray(10, 22) });
    expect(result.faces[0].width).toBe(12);
    expect(big.byteLength).toBe(100);
  });

  it('rejects frames beyond the bounded queue with DetectionQueueFullError', async () => {
    const p = await startPool({ threads: 1, maxQueue: 2 });
    const outcomes = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(() => p.detect(frame(100))));
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    // one running + two waiting are taken, the rest are turned away at once
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected', 'rejected']);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(DetectionQueueFullError);
  });

  it('fails the frame of a crashed worker and replaces the worker', async () => {
    const p = await startPool({ threads: 1 });
    await expect(p.detect(frame(1, 1))).rejects.toBeInstanceOf(DetectionWorkerError);
    const after = await p.detect(frame(1, 4, 9));
    expect(after.faces[0].x).toBe(9);
  });

  // The hung frame waits the whole time-out; it is long enough for the replacement worker to start
  // and answer the next frame on a busy machine.
  it('fails a frame that takes too long and replaces the stuck worker', async () => {
    const p = await startPool({ threads: 1, taskTimeoutMs: 1500 });
    await expect(p.detect(frame(1, 2))).rejects.toBeInstanceOf(DetectionTimeoutError);
    expect((await p.detect(frame(1))).faces).toHaveLength(1);
  });

  it('finishes the running frame on close and rejects the waiting ones', async () => {
    const p = await startPool({ threads: 1, maxQueue: 4 });
    const settled = Promise.allSettled([1, 2, 3].map((n) => p.detect(frame(200, 4, n))));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await p.close();
    const [first, ...rest] = await settled;
    expect(first).toMatchObject({ status: 'fulfilled', value: { faces: [{ x: 1 }] } });
    for (const r of rest) expect(r).toMatchObject({ status: 'rejected', reason: expect.any(DetectionPoolClosedError) });
  });

  it('refuses frames once closed', async () => {
    const p = await startPool({ threads: 1 });
    await p.close();
    await expect(p.detect(frame(1))).rejects.toBeInstanceOf(DetectionPoolClosedError);
  });
});

describe('DetectionPool (real worker from TypeScript sources)', () => {
  it('loads the worker through tsx and finds the astronaut face', async () => {
    expect(detectionWorkerEntry().filename).toMatch(/detection\.worker\.ts$/);
    const pool = await DetectionPool.start({ threads: 1, settings: { ...DEFAULT_DETECTOR_SETTINGS, engine: 'onnx' } });
    try {
      const [a, b] = await Promise.all([pool.detect(astronautFrame()), pool.detect(astronautFrame())]);
      expect(a.faces).toHaveLength(1);
      expect(b.faces).toEqual(a.faces);
      expect(a.faces[0].score).toBeGreaterThan(0.75); // fused BlazeFace + SSD score
    } finally {
      await pool.close();
    }
  });

  it('analyses faces in a worker (embedding model loaded on first use) as the FaceAnalyser port', async () => {
    const pool = await DetectionPool.start({ threads: 1 });
    try {
      const analyser = pool.faceAnalyser();
      expect(analyser.model).toMatch(/^face-api-resnet34@\d+\.\d+\.\d+$/);
      const detected = await pool.detect(astronautFrame());
      const [face, ...rest] = await analyser.analyse(astronautFrame());
      expect(rest).toEqual([]);
      expect(face.box).toEqual({ x: detected.faces[0].x, y: detected.faces[0].y, width: detected.faces[0].width, height: detected.faces[0].height });
      expect(face.quality.rejection).toBeUndefined();
      expect(face.embedding?.model).toBe(analyser.model);
      expect(face.embedding?.vector).toHaveLength(128);
      const again = await analyser.analyse(astronautFrame(), { embed: false });
      expect(again[0].embedding).toBeNull();
      expect(again[0].quality).toEqual(face.quality);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('detects objects in a worker (object model loaded on the first object task) as the ObjectDetector port', async () => {
    const pool = await DetectionPool.start({ threads: 1 });
    try {
      const frame = astronautFrame();
      const { objects, ms } = await pool.detectObjects(frame);
      const person = objects.find((o) => o.label === 'person');
      expect(person?.score).toBeGreaterThan(0.3);
      // The astronaut fills most of the 320 × 320 picture.
      expect(person?.width).toBeGreaterThan(160);
      expect(person?.height).toBeGreaterThan(160);
      for (const o of objects) {
        expect(o.x).toBeGreaterThanOrEqual(0);
        expect(o.x + o.width).toBeLessThanOrEqual(frame.width);
      }
      expect(ms).toBeGreaterThan(0);
      const onlyCars = await pool.detectObjects(astronautFrame(), { labels: ['car'] });
      expect(onlyCars.objects.every((o) => o.label === 'car')).toBe(true);
      const strict = await pool.detectObjects(astronautFrame(), { minScore: 0.99 });
      expect(strict.objects).toEqual([]);
      const faces = await pool.detect(astronautFrame()); // faces still run beside objects in the same worker
      expect(faces.faces).toHaveLength(1);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('reports a worker that cannot load its model instead of hanging', async () => {
    const settings = { ...DEFAULT_DETECTOR_SETTINGS, engine: 'tfjs' as const, variant: 'short-range' as const };
    await expect(DetectionPool.start({ threads: 1, settings, readyTimeoutMs: 30_000 })).rejects.toThrow(/short-range/);
  });
});
