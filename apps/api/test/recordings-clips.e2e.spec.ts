import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { SnapshotLinks } from '@argus/adapters';
import type { MediaStore } from '@argus/domain';
import { readBoxHeader } from '@argus/adapters/media/record';
import { anyFfmpeg } from '@argus/tools/testing/media/ffmpeg-binaries';
import { decodeWithFfmpeg } from '@argus/tools/testing/media/decode-check';
import { startMongoWireServer, type MongoWireServer } from '@argus/tools/testing/mongo-wire';
import { S3RVER_CREDENTIALS, startS3TestServer, type S3TestServer } from '@argus/tools/testing/s3/s3-test-server';
import { MEDIA_STORE } from '../src/media-store/media-store.token';
import { Recordings } from '../src/recordings/recordings';
import { ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { cameraUnits, feedRecorder, binaryParser, RECORDING_CAP } from './support/recording-feed';
import { connectSocket, eventually, handshake, recordEvents } from './support/sockets';

jest.setTimeout(90_000);


interface Backend {
  env: Record<string, string>;
  close(): Promise<void>;
}

const sqliteFiles = async (): Promise<Backend> => ({ env: {}, close: async () => undefined });
const mongoS3 = async (): Promise<Backend> => {
  const mongo: MongoWireServer = await startMongoWireServer();
  const s3: S3TestServer = await startS3TestServer();
  return {
    env: {
      MONGODB_URI: `${mongo.uri}argus-clips`,
      MEDIA_STORE: `s3://${s3.bucket}/argus/`,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    },
    close: async () => {
      await mongo.stop();
      await s3.close();
    },
  };
};

describe.each([
  ['SQLite and files', sqliteFiles],
  ['MongoDB and S3', mongoS3],
])('event clips (%s)', (_name, backend) => {
  let b: Backend;
  let t: TestApp;
  let owner: { id: string; token: string };
  let viewer: { id: string; token: string };
  let stranger: { id: string; token: string };
  let cameraId: string;
  let alertId: string;
  let socket: Socket;
  let events: Record<string, unknown[]>;
  const T = Date.now() - 60_000;

  beforeAll(async () => {
    b = await backend();
    t = await startTestApp({ ...RECORDING_CAP, ...b.env });
    owner = await t.user('operator');
    viewer = await t.user('viewer');
    stranger = await t.user('operator');
    cameraId = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody()).expect(201)).body.id;
    await t.http().put(`/api/cameras/${cameraId}/viewers`).set(bearer(owner.token)).send({ userIds: [viewer.id] }).expect(200);
    const camera = await t.http().patch(`/api/cameras/${cameraId}/recording`).set(bearer(owner.token)).send({ mode: 'events', preSeconds: 2, postSeconds: 3 }).expect(200);
    expect(camera.body.recording).toEqual({ mode: 'events', preSeconds: 2, postSeconds: 3 });
    socket = connectSocket(t.url, { token: viewer.token });
    expect(await handshake(socket)).toBe(true);
    events = recordEvents(socket, ['alert', 'alert_updated']);
    const units = await cameraUnits(12, T);
    await feedRecorder(t, cameraId, units.slice(0, 75), { keepOpen: true });
    const alert = await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox: { x: 1, y: 2, width: 30, height: 40 }, timestamp: new Date(T + 4000).toISOString() }).expect(201);
    alertId = alert.body.alertId;
    expect(alert.body.clipUrl).toBeUndefined();
    await feedRecorder(t, cameraId, units.slice(75), { started: true });
    await t.app.get(Recordings).settled();
  });
  afterAll(async () => {
    socket?.close();
    await t?.close();
    await b?.close();
  });

  const clip = (url: string) => t.http().get(url).buffer(true).parse(binaryParser);

  it('stores the clip, attaches it to the alert and announces it with alert_updated', async () => {
    expect(await eventually(() => events['alert_updated'].length > 0, 5000)).toBe(true);
    const updated = events['alert_updated'][0] as { alertId: string; clipUrl: string };
    expect(updated.alertId).toBe(alertId);
    expect(updated.clipUrl).toMatch(new RegExp(`^/api/clips/${cameraId}/${alertId}\\.mp4\\?u=${viewer.id}&exp=\\d+&sig=[\\w-]{43}$`));
    const stored = await t.http().get(`/api/alerts/${alertId}`).set(bearer(owner.token)).expect(200);
    expect(stored.body.clipUrl).toMatch(new RegExp(`^/api/clips/${cameraId}/${alertId}\\.mp4\\?u=${owner.id}&`));
  });

  it('serves the clip through its signed link: a fast-start MP4 from preSeconds before the alert to postSeconds after', async () => {
    const { body } = await t.http().get(`/api/alerts/${alertId}`).set(bearer(viewer.token)).expect(200);
    const res = await clip(body.clipUrl).expect(200);
    expect(res.headers['content-type']).toBe('video/mp4');
    const bytes = res.body as Buffer;
    expect(readBoxHeader(bytes, readBoxHeader(bytes, 0)?.end ?? 0)?.type).toBe('moov');
    const file = join(t.config.dataDir, 'clip.mp4');
    writeFileSync(file, bytes);
    // From the keyframe at 2 s (2 s before the alert at 4 s) to 7 s (3 s after it), at 15 fps.
    expect((await decodeWithFfmpeg(anyFfmpeg(), file)).frames).toBe(76);
    const part = await clip(body.clipUrl).set('Range', 'bytes=100-199').expect(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${bytes.length}`);
    expect(part.body).toEqual(bytes.subarray(100, 200));
  });

  it('answers 404 for tampered, expired or foreign links, and to users who may not see the camera', async () => {
    const { body } = await t.http().get(`/api/alerts/${alertId}`).set(bearer(owner.token)).expect(200);
    const url = new URL(body.clipUrl as string, 'http://x');
    const sig = url.searchParams.get('sig') as string;
    const tampered = body.clipUrl.replace(`sig=${sig}`, `sig=${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`);
    await clip(tampered).expect(404);
    await clip(body.clipUrl.replace(/exp=\d+/, `exp=${Number(url.searchParams.get('exp')) + 60}`)).expect(404);
    await clip(body.clipUrl.replace(`u=${owner.id}`, `u=${viewer.id}`)).expect(404);
    await clip(`/api/clips/${cameraId}/${alertId}.mp4`).expect(404);
    await clip(body.clipUrl.replace(`/${alertId}.mp4`, '/other.mp4')).expect(404);
    const links = t.app.get(SnapshotLinks);
    const key = `clips/${cameraId}/${alertId}.mp4`;
    await clip(links.urlFor(key, owner.id, Date.now() - 7 * 3600_000)).expect(404); // expired
    await clip(links.urlFor(key, stranger.id)).expect(404); // a valid link for someone who may not see the camera
    await clip(links.urlFor(key, viewer.id)).expect(200);
    await t.http().put(`/api/cameras/${cameraId}/viewers`).set(bearer(owner.token)).send({ userIds: [] }).expect(200);
    await clip(links.urlFor(key, viewer.id)).expect(404); // access withdrawn
  });

  it('deletes the clips and segments with their camera', async () => {
    const media = t.app.get<MediaStore>(MEDIA_STORE);
    expect(await media.head(`clips/${cameraId}/${alertId}.mp4`)).toMatchObject({ contentType: 'video/mp4' });
    expect((await t.http().get('/api/health').expect(200)).body.recordings.clipBytes).toBeGreaterThan(10_000);
    await t.http().delete(`/api/cameras/${cameraId}`).set(bearer(owner.token)).expect(204);
    expect(await media.head(`clips/${cameraId}/${alertId}.mp4`)).toBeNull();
    expect(existsSync(join(t.config.recordings.dir, cameraId))).toBe(false);
    expect((await t.http().get('/api/health').expect(200)).body.recordings.clipBytes).toBe(0);
  });
});
