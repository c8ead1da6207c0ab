import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Bucket, type S3Settings } from '@argus/adapters';
import type { AlertRepository, CameraRepository, MediaListing, MediaStore } from '@argus/domain';
import { aCamera as aStoredCamera } from '@argus/adapters/persistence/contract/fixtures';
import { S3RVER_CREDENTIALS, startS3TestServer, type S3TestServer } from '@argus/tools/testing/s3/s3-test-server';
import { MEDIA_STORE } from '../src/media-store/media-store.token';
import { ALERT_REPOSITORY, CAMERA_REPOSITORY } from '../src/persistence/tokens';
import { bearer, startTestApp, type TestApp } from '../src/testing/test-app';
import { ColourPatchAnalyser, RED, YELLOW, portrait } from './support/colour-faces';
import { aCamera, anAlertWithSnapshot } from './support/people-world';

// s3rver, an S3 test double from npm, on a free loopback port: Argus with MEDIA_STORE=s3://…
jest.setTimeout(60_000);

async function keys(items: AsyncIterable<MediaListing>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of items) out.push(item.key);
  return out;
}

const isJpeg = (body: Buffer) => [...body.subarray(0, 3)].join() === [0xff, 0xd8, 0xff].join();

describe('media store on S3 (s3rver)', () => {
  let s3: S3TestServer;
  let t: TestApp;
  let bucket: S3Bucket;
  let admin: Record<string, string>;

  beforeAll(async () => {
    s3 = await startS3TestServer();
    t = await startTestApp(
      { MEDIA_STORE: `s3://${s3.bucket}/argus/`, S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId, S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey },
      { faceAnalyser: new ColourPatchAnalyser() },
    );
    admin = bearer(t.adminToken);
    const settings: S3Settings = { bucket: s3.bucket, prefix: 'argus/', endpoint: s3.endpoint, region: 'us-east-1', credentials: S3RVER_CREDENTIALS, forcePathStyle: true };
    bucket = new S3Bucket(settings);
  });
  afterAll(async () => {
    bucket?.close();
    await t?.close();
    await s3?.close();
  });

  it('keeps an alert’s snapshot in the bucket and serves it through the signed link', async () => {
    const cameraId = await aCamera(t);
    const alertId = await anAlertWithSnapshot(t, cameraId, { x: 60, y: 40, size: 110, colour: YELLOW });
    const [snapshot] = await keys(bucket.list(`snapshots/${cameraId}/`));
    expect(snapshot).toMatch(new RegExp(`^snapshots/${cameraId}/\\d{4}-\\d{2}-\\d{2}/[0-9a-f-]{36}\\.jpg$`));
    expect(await bucket.head(snapshot)).toMatchObject({ contentType: 'image/jpeg' });

    const alerts = await t.http().get('/api/alerts').set(admin).expect(200);
    const alert = alerts.body.items.find((a: { alertId: string }) => a.alertId === alertId);
    expect(alert.snapshotUrl).toMatch(/^\/api\/snapshots\/.+\?u=/);
    const res = await t.http().get(alert.snapshotUrl).expect(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(isJpeg(res.body)).toBe(true);
    // Argus answers for the bucket: a tampered link opens nothing.
    await t.http().get(alert.snapshotUrl.replace(/sig=[^&]+/, 'sig=' + 'A'.repeat(43))).expect(404);
    await t.http().get(alert.snapshotUrl.split('?')[0]).expect(404);
    // Nothing went to the local media folder.
    expect(readdirSync(t.config.dataDir)).not.toContain('media');
  });

  it('keeps a person’s face crop in the bucket, serves it, and deletes it with the person', async () => {
    const person = (await t.http().post('/api/people').set(admin).send({ name: 'Crop On S3' }).expect(201)).body;
    const face = (await t.http().post(`/api/people/${person.id}/faces`).set(admin).set('Content-Type', 'image/png').send(await portrait(RED)).expect(201)).body;
    expect(await keys(bucket.list(`faces/${person.id}/`))).toEqual([`faces/${person.id}/${face.id}.jpg`]);
    const crop = await t.http().get(face.imageUrl).expect(200);
    expect(crop.headers['content-type']).toBe('image/jpeg');
    expect(isJpeg(crop.body)).toBe(true);

    // Enrolling from an alert reads its snapshot back from the bucket.
    const alertId = await anAlertWithSnapshot(t, await aCamera(t, 'Porch'), { x: 60, y: 40, size: 110, colour: YELLOW });
    const fromAlert = (await t.http().post(`/api/people/${person.id}/faces`).set(admin).send({ alertId }).expect(201)).body;
    await t.http().get(fromAlert.imageUrl).expect(200);

    await t.http().delete(`/api/people/${person.id}`).set(admin).expect(204);
    expect(await keys(bucket.list(`faces/${person.id}/`))).toEqual([]);
    await t.http().get(face.imageUrl).expect(404);
  });

  it('while S3 is away, spools what it writes, still serves it, and uploads it once S3 is back', async () => {
    const cameraId = await aCamera(t, 'Garden');
    const before = await anAlertWithSnapshot(t, cameraId, { x: 60, y: 40, size: 110, colour: YELLOW });
    const linkOf = async (alertId: string) => (await t.http().get('/api/alerts').set(admin).expect(200)).body.items.find((a: { alertId: string }) => a.alertId === alertId).snapshotUrl as string;
    const storedBefore = await linkOf(before);
    await s3.stop();
    try {
      // An object only S3 holds cannot be read meanwhile: 503, never a 500.
      const away = await t.http().get(storedBefore).expect(503);
      expect(away.body.message).toBe('The media store is unavailable; try again shortly');
      const alertId = await anAlertWithSnapshot(t, cameraId, { x: 60, y: 40, size: 110, colour: YELLOW });
      const media = t.app.get<symbol, MediaStore>(MEDIA_STORE);
      expect(media.status()).toMatchObject({ kind: 's3', up: false, spooled: 1 });
      const health = (await t.http().get('/api/health').expect(200)).body;
      expect(health).toMatchObject({ ready: true, media: { kind: 's3', up: false, spooled: 1, detail: expect.any(String) } });
      expect(readdirSync(join(t.config.dataDir, 'media-spool')).filter((n) => n.endsWith('.data'))).toHaveLength(1);
      const alert = (await t.http().get('/api/alerts').set(admin).expect(200)).body.items.find((a: { alertId: string }) => a.alertId === alertId);
      expect(isJpeg((await t.http().get(alert.snapshotUrl).expect(200)).body)).toBe(true);
    } finally {
      await s3.start();
    }
    const deadline = Date.now() + 30_000;
    while ((await keys(bucket.list(`snapshots/${cameraId}/`))).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await keys(bucket.list(`snapshots/${cameraId}/`))).toHaveLength(2);
    await t.http().get(storedBefore).expect(200);
    expect((await t.http().get('/api/health').expect(200)).body.media).toEqual({ kind: 's3', up: true, spooled: 0 });
  });
});

describe('media store on disk after an upgrade', () => {
  it('still serves, through REST, the snapshots an older Argus kept in DATA_DIR/snapshots', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'argus-upgrade-'));
    const oldKey = 'cam-old/2025-06-01/0f8fad5b-d9cb-469f-a165-70867728950e.jpg';
    const jpeg = await portrait(RED, 'jpeg');
    mkdirSync(join(dataDir, 'snapshots', 'cam-old', '2025-06-01'), { recursive: true });
    writeFileSync(join(dataDir, 'snapshots', ...oldKey.split('/')), jpeg);
    const t = await startTestApp({ DATA_DIR: dataDir });
    try {
      // The camera and alert rows an older install would have in its database.
      await t.app.get<symbol, CameraRepository>(CAMERA_REPOSITORY).create(aStoredCamera({ id: 'cam-old', enabled: false }));
      const at = new Date();
      await t.app.get<symbol, AlertRepository>(ALERT_REPOSITORY).add({
        alertId: randomUUID(), cameraId: 'cam-old', timestamp: at, bbox: { x: 1, y: 1, width: 10, height: 10 }, snapshotUrl: null, snapshotKey: oldKey, meta: { score: 0.9, frameWidth: 640, frameHeight: 360, faces: 1 }, createdAt: at,
      });
      const [alert] = (await t.http().get('/api/alerts').set(bearer(t.adminToken)).expect(200)).body.items;
      const res = await t.http().get(alert.snapshotUrl).expect(200);
      expect(Buffer.compare(res.body, jpeg)).toBe(0);
      expect(readdirSync(dataDir)).not.toContain('snapshots'); // moved to media/snapshots
      expect(readdirSync(join(dataDir, 'media', 'snapshots', 'cam-old', '2025-06-01'))).toHaveLength(1);
      expect((await t.http().get('/api/health').expect(200)).body.media).toEqual({ kind: 'file', up: true });
    } finally {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
