import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EncodedVideoUnit } from '@argus/domain';
import { readBoxHeader } from '@argus/adapters/media/record';
import { anyFfmpeg } from '@argus/tools/testing/media/ffmpeg-binaries';
import { decodeWithFfmpeg } from '@argus/tools/testing/media/decode-check';
import { Recordings } from '../src/recordings/recordings';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { cameraUnits, feedRecorder, binaryParser, RECORDING_CAP } from './support/recording-feed';

jest.setTimeout(60_000);

const binary = (res: { body: unknown }) => res.body as Buffer;

describe('continuous recordings: spans and video export', () => {
  let t: TestApp;
  let owner: { id: string; token: string };
  let viewer: { id: string; token: string };
  let stranger: { id: string; token: string };
  let cameraId: string;
  let units: EncodedVideoUnit[];
  const T = Date.UTC(2025, 3, 1, 8, 0, 0);
  const iso = (ms: number) => new Date(T + ms).toISOString();

  beforeAll(async () => {
    t = await startTestApp(RECORDING_CAP);
    owner = await t.user('operator');
    viewer = await t.user('viewer');
    stranger = await t.user('operator');
    cameraId = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody()).expect(201)).body.id;
    await t.http().put(`/api/cameras/${cameraId}/viewers`).set(bearer(owner.token)).send({ userIds: [viewer.id] }).expect(200);
    await t.http().patch(`/api/cameras/${cameraId}/recording`).set(bearer(owner.token)).send({ mode: 'continuous' }).expect(200);
    units = await cameraUnits(20, T);
    await feedRecorder(t, cameraId, units);
    await t.app.get(Recordings).settled();
  });
  afterAll(() => t?.close());

  const video = (query: string, token: string | null = owner.token) => {
    const req = t.http().get(`/api/cameras/${cameraId}/recordings/video?${query}`).buffer(true).parse(binaryParser);
    return token ? req.set(bearer(token)) : req;
  };

  it('lists the recorded spans, oldest first, for everyone who sees the camera', async () => {
    const res = await t.http().get(`/api/cameras/${cameraId}/recordings`).set(bearer(owner.token)).expect(200);
    expect(res.body.items).toEqual([{ start: iso(0), end: iso(20_000), bytes: expect.any(Number) }]);
    expect(res.body.items[0].bytes).toBeGreaterThan(100_000);
    const windowed = await t.http().get(`/api/cameras/${cameraId}/recordings?from=${iso(30_000)}&to=${iso(40_000)}`).set(bearer(viewer.token)).expect(200);
    expect(windowed.body).toEqual({ items: [] });
    await t.http().get(`/api/cameras/${cameraId}/recordings?from=${T + 5000}`).set(bearer(viewer.token)).expect(200);
  });

  it('answers the video of a span as a fast-start MP4 starting at the keyframe before from', async () => {
    const res = await video(`from=${iso(4500)}&to=${iso(10_000)}`).expect(200);
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['accept-ranges']).toBe('bytes');
    const body = binary(res);
    expect(Number(res.headers['content-length'])).toBe(body.length);
    expect(readBoxHeader(body, readBoxHeader(body, 0)?.end ?? 0)?.type).toBe('moov');
    const file = join(t.config.dataDir, 'export.mp4');
    writeFileSync(file, body);
    expect((await decodeWithFfmpeg(anyFfmpeg(), file)).frames).toBe(90); // 4 s to 10 s at 15 fps
  });

  it('answers ranges with 206 (what a browser seeking asks), 416 past the end', async () => {
    const whole = binary(await video(`from=${iso(0)}&to=${iso(20_000)}`).expect(200));
    const part = await video(`from=${iso(0)}&to=${iso(20_000)}`).set('Range', 'bytes=1000-1999').expect(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${whole.length}`);
    expect(binary(part)).toEqual(whole.subarray(1000, 2000));
    const tail = await video(`from=${iso(0)}&to=${iso(20_000)}`).set('Range', 'bytes=-500').expect(206);
    expect(binary(tail)).toEqual(whole.subarray(whole.length - 500));
    const past = await video(`from=${iso(0)}&to=${iso(20_000)}`).set('Range', `bytes=${whole.length}-`).expect(416);
    expect(past.headers['content-range']).toBe(`bytes */${whole.length}`);
  });

  it('takes the token from ?token= for a <video src> that cannot send headers', async () => {
    const res = await video(`from=${iso(0)}&to=${iso(3000)}&token=${encodeURIComponent(viewer.token)}`, null).expect(200);
    expect(binary(res).length).toBeGreaterThan(1000);
    await video(`from=${iso(0)}&to=${iso(3000)}`, null).expect(401);
    await video(`from=${iso(0)}&to=${iso(3000)}&token=not-a-token`, null).expect(401);
    await video(`from=${iso(0)}&to=${iso(3000)}&token=${encodeURIComponent(owner.token.slice(0, -2))}xx`, null).expect(401);
  });

  it('refuses bad input with 400: bad dates, from after to, over an hour, missing bounds, unknown parameters', async () => {
    const bad = async (path: string, pattern: RegExp) => expect((await t.http().get(path).set(bearer(owner.token)).expect(400)).body.message).toMatch(pattern);
    const base = `/api/cameras/${cameraId}/recordings`;
    await bad(`${base}?from=yesterday`, /from must be an ISO 8601 date/);
    await bad(`${base}?from=${iso(10)}&to=${iso(0)}`, /from must not be after to/);
    await bad(`${base}?at=${iso(0)}`, /at should not exist/);
    await bad(`${base}/video?from=${iso(0)}&to=${iso(3_600_001)}`, /at most 60 minutes apart/);
    await bad(`${base}/video?from=${iso(1000)}&to=${iso(0)}`, /from must not be after to/);
    await bad(`${base}/video?from=${iso(0)}`, /to is required/);
    await bad(`${base}/video?from=2025-13-45T00:00:00Z&to=${iso(0)}`, /from must be an ISO 8601 date/);
    await bad(`${base}/video?from=${iso(0)}&to=${iso(1000)}&format=webm`, /format should not exist/);
  });

  it('answers 404 where nothing is recorded, and for a camera the caller may not see', async () => {
    const nothing = await video(`from=${iso(-60_000)}&to=${iso(-1000)}`).expect(404);
    expect(JSON.parse(binary(nothing).toString())).toMatchObject({ message: 'Nothing is recorded between from and to' });
    await video(`from=${iso(0)}&to=${iso(3000)}`, stranger.token).expect(404);
    await t.http().get(`/api/cameras/${cameraId}/recordings`).set(bearer(stranger.token)).expect(404);
    await t.http().get('/api/cameras/no-such-camera/recordings').set(bearer(owner.token)).expect(404);
    await t.http().get(`/api/cameras/${cameraId}/recordings`).expect(401);
  });

  it('shows the disk use of recordings in health and metrics', async () => {
    const health = await t.http().get('/api/health').expect(200);
    expect(health.body.recordings).toMatchObject({ dir: t.config.recordings.dir, continuousBytes: expect.any(Number), clipBytes: 0, maxBytes: 20 * 1024 ** 3 });
    expect(health.body.recordings.continuousBytes).toBeGreaterThan(100_000);
    expect(health.body.recordings.disk.total).toBeGreaterThan(0);
    expect(health.body.recordings.stopped).toBeUndefined();
  });
});
