import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiskSpace, EncodedVideoUnit } from '@argus/domain';
import type { OpenRecordingFile } from '@argus/adapters/media/record';
import { startMongoWireServer, type MongoWireServer } from '@argus/tools/testing/mongo-wire';
import { Recordings } from '../src/recordings/recordings';
import { ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { cameraUnits, feedRecorder } from './support/recording-feed';

jest.setTimeout(90_000);

const METRICS_TOKEN = 'metrics-token-for-recording-tests-0123';
const GB = 1024 ** 3;

/** A disk the test fills and empties, and files whose writes fail with ENOSPC while it is full. */
class TestDisk implements DiskSpace {
  full = false;
  async check() {
    return { total: 100 * GB, free: this.full ? 0.01 * GB : 50 * GB };
  }
  readonly openFile: OpenRecordingFile = async (path) => {
    const handle = await open(path, 'wx');
    if (!this.full) return handle;
    const enospc = async () => {
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC' });
    };
    return new Proxy(handle, { get: (target, property) => (property === 'writev' || property === 'write' ? enospc : Reflect.get(target, property, target)) });
  };
}

const alertPost = (t: TestApp, cameraId: string) => t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox: { x: 1, y: 2, width: 3, height: 4 } });

describe('recording faults: a full disk', () => {
  const disk = new TestDisk();
  let t: TestApp;
  let cameraId: string;
  let units: EncodedVideoUnit[];
  const T = Date.now() - 120_000;

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN }, { recording: { openFile: disk.openFile, disk } });
    cameraId = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody()).expect(201)).body.id;
    await t.http().patch(`/api/cameras/${cameraId}/recording`).set(bearer(t.adminToken)).send({ mode: 'continuous' }).expect(200);
    units = await cameraUnits(20, T);
  });
  afterAll(() => t?.close());

  it('stops recording with a reason on the camera, in health and metrics; alerts go on; recording resumes once there is room', async () => {
    disk.full = true;
    await feedRecorder(t, cameraId, units.slice(0, 150));
    const recordings = t.app.get(Recordings);
    await recordings.settled();
    await recordings.runner.runSoon();
    const camera = await t.http().get(`/api/cameras/${cameraId}`).set(bearer(t.adminToken)).expect(200);
    expect(camera.body.recordingError).toBe('recording stopped: less than 10 % of the disk is free and no recording is left to delete');
    const listed = await t.http().get('/api/cameras').set(bearer(t.adminToken)).expect(200);
    expect(listed.body.items[0].recordingError).toBe(camera.body.recordingError);
    const health = await t.http().get('/api/health').expect(200);
    expect(health.body.recordings.stopped).toBe(camera.body.recordingError);
    const metrics = await t.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
    expect(metrics.text).toMatch(/^argus_recordings_stopped 1$/m);
    expect(metrics.text).toMatch(/^argus_recordings_bytes\{kind="continuous"\} 0$/m);
    await alertPost(t, cameraId).expect(201);
    expect((await t.http().get(`/api/cameras/${cameraId}/recordings`).set(bearer(t.adminToken)).expect(200)).body.items).toEqual([]);

    disk.full = false;
    await recordings.runner.runSoon();
    expect((await t.http().get(`/api/cameras/${cameraId}`).set(bearer(t.adminToken)).expect(200)).body.recordingError).toBeUndefined();
    await feedRecorder(t, cameraId, units.slice(150));
    await recordings.settled();
    const spans = (await t.http().get(`/api/cameras/${cameraId}/recordings`).set(bearer(t.adminToken)).expect(200)).body.items;
    expect(spans).toHaveLength(1);
    expect(new Date(spans[0].end).getTime() - new Date(spans[0].start).getTime()).toBe(10_000);
    expect((await t.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(200)).text).toMatch(/^argus_recordings_stopped 0$/m);
  });
});

describe('recording faults: RECORDINGS_MAX_GB reached with nothing left to delete', () => {
  let t: TestApp;
  let cameraId: string;

  beforeAll(async () => {
    t = await startTestApp({ RECORDINGS_MAX_GB: '0.001' });
    cameraId = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody()).expect(201)).body.id;
    await t.http().patch(`/api/cameras/${cameraId}/recording`).set(bearer(t.adminToken)).send({ mode: 'events', preSeconds: 0, postSeconds: 300 }).expect(200);
  });
  afterAll(() => t?.close());

  it('stops recording with a reason on the camera while what is being written is over the cap; alerts go on', async () => {
    const T = Date.now() - 600_000;
    const units = await cameraUnits(90, T);
    await feedRecorder(t, cameraId, units.slice(0, 15), { keepOpen: true });
    await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox: { x: 1, y: 2, width: 3, height: 4 }, timestamp: new Date(T + 500).toISOString() }).expect(201);
    await feedRecorder(t, cameraId, units.slice(15), { started: true, keepOpen: true }); // the clip goes on (post-roll of 5 minutes)
    const recordings = t.app.get(Recordings);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the spool's writes land
    await recordings.runner.runSoon();
    const camera = await t.http().get(`/api/cameras/${cameraId}`).set(bearer(t.adminToken)).expect(200);
    expect(camera.body.recordingError).toBe('recording stopped: recordings reached RECORDINGS_MAX_GB (1 MB) and nothing older is left to delete');
    await alertPost(t, cameraId).expect(201);
    // Stopping ended the clip: it is stored, and the next pass deletes it to get under the cap, and recording resumes.
    await recordings.settled();
    await recordings.runner.runSoon();
    expect((await t.http().get(`/api/cameras/${cameraId}`).set(bearer(t.adminToken)).expect(200)).body.recordingError).toBeUndefined();
    expect((await t.http().get('/api/health').expect(200)).body.recordings).toMatchObject({ clipBytes: 0, maxBytes: Math.round(1024 ** 3 / 1000) });
  });
});

describe('recording faults: Argus killed while writing a segment', () => {
  let mongo: MongoWireServer;
  let dir: string;
  let cameraId: string;

  beforeAll(async () => {
    mongo = await startMongoWireServer();
    dir = mkdtempSync(join(tmpdir(), 'argus-recordings-'));
  });
  afterAll(async () => {
    await mongo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('repairs at the next start the segment cut short, and drops one with no whole frame: the index agrees with the files', async () => {
    const env = { MONGODB_URI: `${mongo.uri}argus-kill`, RECORDINGS_DIR: dir };
    const first = await startTestApp(env);
    const T = Date.now() - 300_000;
    try {
      cameraId = (await first.http().post('/api/cameras').set(bearer(first.adminToken)).send(cameraBody()).expect(201)).body.id;
      await first.http().patch(`/api/cameras/${cameraId}/recording`).set(bearer(first.adminToken)).send({ mode: 'continuous' }).expect(200);
      await feedRecorder(first, cameraId, await cameraUnits(10, T));
      await first.app.get(Recordings).settled();
    } finally {
      await first.close();
    }
    // What a kill leaves: a segment being written (no index at its end, its last fragment cut), and one only begun.
    const day = join(dir, cameraId, new Date(T).toISOString().slice(0, 10));
    const [segment] = readdirSync(day).sort();
    copyFileSync(join(day, segment), join(day, `${T + 60_000}.part`));
    truncateSync(join(day, `${T + 60_000}.part`), Math.floor(statSync(join(day, segment)).size * 0.7));
    copyFileSync(join(day, segment), join(day, `${T + 90_000}.part`));
    truncateSync(join(day, `${T + 90_000}.part`), 200);

    const second = await startTestApp(env);
    try {
      const spans = (await second.http().get(`/api/cameras/${cameraId}/recordings`).set(bearer(second.adminToken)).expect(200)).body.items;
      expect(spans.map((s: { start: string }) => new Date(s.start).getTime() - T)).toEqual([0, 60_000]);
      const repaired = spans[1];
      const seconds = (new Date(repaired.end).getTime() - new Date(repaired.start).getTime()) / 1000;
      expect(seconds).toBeGreaterThan(1);
      expect(seconds).toBeLessThan(5);
      expect(readdirSync(day).filter((name) => name.endsWith('.part'))).toEqual([]);
      const video = await second.http().get(`/api/cameras/${cameraId}/recordings/video?from=${repaired.start}&to=${repaired.end}`).set(bearer(second.adminToken)).expect(200);
      expect(Number(video.headers['content-length'])).toBeGreaterThan(1000);
    } finally {
      await second.close();
    }
  });
});
