import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureClips, startCameraSimulator, type CameraSimulator } from '@argus/tools/camera-sim';
import { TEST_CLIPS_DIR } from '@argus/tools/camera-sim/test-clips.testing';
import { ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { connectSocket, eventually, handshake } from './support/sockets';

jest.setTimeout(60_000);

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

/** The value of one series in Prometheus text format, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics disabled (no METRICS_TOKEN)', () => {
  let t: TestApp;
  let webRoot: string;

  beforeAll(async () => {
    // With a console to serve, an unknown path would fall back to index.html: /metrics must not.
    webRoot = mkdtempSync(join(tmpdir(), 'argus-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>console</title>');
    t = await startTestApp({ WEB_ROOT: webRoot });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('answers 404, with or without a token', async () => {
    await t.http().get('/metrics').expect(404);
    await t.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(404);
    await t.http().get('/api/metrics').expect(404);
  });
});

describe('/metrics with METRICS_TOKEN and a running camera', () => {
  let t: TestApp;
  let sim: CameraSimulator;

  beforeAll(async () => {
    const clips = await ensureClips(TEST_CLIPS_DIR);
    sim = await startCameraSimulator({ paths: { faces: { clip: clips.faces } } });
    // Both tests' cameras see the same face: the identity cooldown (one alert per person or stranger across
    // all cameras) would keep the second quiet, so it is off here.
    t = await startTestApp({ METRICS_TOKEN, DETECTION_THREADS: '1', IDENTITY_COOLDOWN_S: '0' });
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  it('refuses a missing or wrong token with 401', async () => {
    const missing = await t.http().get('/metrics').expect(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    await t.http().get('/metrics').set(bearer('wrong')).expect(401);
    await t.http().get('/metrics').set(bearer(t.adminToken)).expect(401); // a user JWT is not the metrics token
  });

  it('exposes process metrics, pool and per-camera series labelled by camera id', async () => {
    const camera = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody({ rtspUrl: sim.url('faces'), fps: 5 })).expect(201)).body.id as string;
    await t.http().post(`/api/cameras/${camera}/start`).set(bearer(t.adminToken)).expect(202);
    const label = `{camera="${camera}"}`;
    let text = '';
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      const res = await t.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
      text = res.text;
      if ((sample(text, `argus_camera_frames_processed_total${label}`) ?? 0) >= 5) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    for (const name of ['frames_in', 'frames_decoded', 'frames_processed']) {
      expect(sample(text, `argus_camera_${name}_total${label}`)).toBeGreaterThan(0);
    }
    for (const name of ['frames_skipped', 'frames_motion_skipped', 'detection_failures', 'alerts', 'reconnects']) {
      expect(sample(text, `argus_camera_${name}_total${label}`)).toBeGreaterThanOrEqual(0);
    }
    expect(sample(text, `argus_camera_processing_fps${label}`)).toEqual(expect.any(Number));
    expect(sample(text, 'argus_cameras_active')).toBe(1);
    expect(sample(text, 'argus_detection_duration_seconds_count')).toBeGreaterThanOrEqual(5);
    expect(sample(text, 'argus_detection_pool_threads')).toBe(1);
    expect(sample(text, 'argus_detection_pool_queue_depth')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'argus_socket_clients')).toBe(0);
    expect(text).toMatch(/^# TYPE argus_camera_frames_processed_total counter$/m);
    expect(text).toMatch(/^# TYPE argus_detection_duration_seconds histogram$/m);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    const health = await t.http().get('/api/health').expect(200);
    expect(health.body.detection).toMatchObject({ state: 'ready', threads: 1 });
    expect(health.body.cameras).toMatchObject({ active: 1, byStatus: { running: 1 } });
    await t.http().post(`/api/cameras/${camera}/stop`).set(bearer(t.adminToken)).expect(202);
    const after = (await t.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(200)).text;
    // A stopped camera's session series go away (argus_alerts_created_total stays: it is not per session).
    expect(after.split('\n').filter((l) => l.startsWith('argus_camera_') && l.includes(label))).toEqual([]);
  });

  it('counts every alert created, from the pipeline and from POST /api/alerts, across a stop, and socket clients', async () => {
    const scrape = async () => (await t.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(200)).text;
    const camera = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody({ rtspUrl: sim.url('faces'), fps: 5 })).expect(201)).body.id as string;
    const created = `argus_alerts_created_total{camera="${camera}"}`;
    expect(sample(await scrape(), created)).toBeUndefined();

    const post = () =>
      t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: camera, bbox: { x: 1, y: 2, width: 30, height: 30 } }).expect(201);
    await post();
    await post();
    expect(sample(await scrape(), created)).toBe(2);

    // The pipeline's alert counts too, and stays counted after the camera stops (its session series go away).
    await t.http().post(`/api/cameras/${camera}/start`).set(bearer(t.adminToken)).expect(202);
    expect(await eventually(async () => (sample(await scrape(), `argus_camera_alerts_total{camera="${camera}"}`) ?? 0) >= 1, 45_000)).toBe(true);
    await t.http().post(`/api/cameras/${camera}/stop`).set(bearer(t.adminToken)).expect(202);
    const stored = (await t.http().get(`/api/alerts?cameraId=${camera}&limit=100`).set(bearer(t.adminToken)).expect(200)).body.total as number;
    const afterStop = await scrape();
    expect(stored).toBeGreaterThanOrEqual(3);
    expect(sample(afterStop, created)).toBe(stored);
    expect(afterStop).not.toContain(`argus_camera_alerts_total{camera="${camera}"}`);
    expect(afterStop).toMatch(/^# TYPE argus_alerts_created_total counter$/m);

    const socket = connectSocket(t.url, { token: t.adminToken });
    try {
      expect(await handshake(socket)).toBe(true);
      expect(await eventually(async () => sample(await scrape(), 'argus_socket_clients') === 1)).toBe(true);
    } finally {
      socket.close();
    }
    expect(await eventually(async () => sample(await scrape(), 'argus_socket_clients') === 0)).toBe(true);
  });
});
