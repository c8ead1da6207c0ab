import { ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

describe('alerts', () => {
  let t: TestApp;
  let owner: { id: string; token: string };
  let stranger: { id: string; token: string };
  let camA: string;
  let camB: string;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.user('operator');
    stranger = await t.user('operator');
    camA = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody({ name: 'A' }))).body.id;
    camB = (await t.http().post('/api/cameras').set(bearer(stranger.token)).send(cameraBody({ name: 'B' }))).body.id;
  });
  afterAll(() => t.close());

  const bbox = { x: 10, y: 20, width: 30, height: 40 };
  const post = (body: object, token = ALERT_TOKEN) => t.http().post('/api/alerts').set(bearer(token)).send(body);

  it('requires the pre-shared token, not a user token', async () => {
    await t.http().post('/api/alerts').send({ cameraId: camA, bbox }).expect(401);
    await post({ cameraId: camA, bbox }, 'wrong-token').expect(401);
    await post({ cameraId: camA, bbox }, t.adminToken).expect(401);
  });

  it('stores an alert with defaults and returns it', async () => {
    const res = await post({ cameraId: camA, bbox, timestamp: '2026-03-01T10:00:00.000Z', meta: { score: 0.9, frameWidth: 640, frameHeight: 360, faces: 2, trackId: 7 } }).expect(201);
    expect(res.body).toEqual({
      alertId: expect.any(String), cameraId: camA, timestamp: '2026-03-01T10:00:00.000Z', kind: 'face', zones: [], bbox,
      meta: { score: 0.9, frameWidth: 640, frameHeight: 360, faces: 2, trackId: 7 },
    });
    const minimal = await post({ cameraId: camA, bbox }).expect(201);
    expect(minimal.body.meta).toEqual({ score: null, frameWidth: null, frameHeight: null, faces: 1 });
    expect(Math.abs(Date.parse(minimal.body.timestamp) - Date.now())).toBeLessThan(60_000);
  });

  it.each([
    ['unknown camera', { cameraId: 'nope', bbox }, 404],
    ['cameraId as object', { cameraId: { $gt: '' }, bbox }, 400],
    ['missing bbox', { cameraId: 'x' }, 400],
    ['bbox with a string', { cameraId: 'x', bbox: { ...bbox, x: '1' } }, 400],
    ['negative width', { cameraId: 'CAM_A', bbox: { ...bbox, width: -1 } }, 400],
    ['bad timestamp', { cameraId: 'CAM_A', bbox, timestamp: 'yesterday' }, 400],
    ['javascript snapshot', { cameraId: 'CAM_A', bbox, snapshotUrl: 'javascript:alert(1)' }, 400],
    ['operator key in meta', { cameraId: 'CAM_A', bbox, meta: { $where: '1' } }, 400],
    ['dotted key in meta', { cameraId: 'CAM_A', bbox, meta: { 'a.b': 1 } }, 400],
    ['meta as array', { cameraId: 'CAM_A', bbox, meta: [1] }, 400],
    ['unknown field', { cameraId: 'CAM_A', bbox, severity: 'high' }, 400],
  ])('rejects %s', async (_label, body, status) => {
    const fixed = JSON.parse(JSON.stringify(body).replace('CAM_A', camA));
    const res = await post(fixed).expect(status);
    expect(typeof res.body.message).toBe('string');
  });

  it('lists newest first with paging and filters, only for cameras the caller may see', async () => {
    const base = Date.parse('2026-05-01T00:00:00Z');
    for (let i = 0; i < 6; i++) await post({ cameraId: camA, bbox, timestamp: base + i * 3600_000 }).expect(201);
    await post({ cameraId: camB, bbox, timestamp: base + 30 * 60_000 }).expect(201);
    const page = await t.http().get(`/api/alerts?cameraId=${camA}&from=${base}&to=${base + 5 * 3600_000}&limit=4`).set(bearer(owner.token)).expect(200);
    expect(page.body.total).toBe(6);
    expect(page.body.limit).toBe(4);
    const times = page.body.items.map((a: { timestamp: string }) => Date.parse(a.timestamp));
    expect(times).toEqual([5, 4, 3, 2].map((h) => base + h * 3600_000));
    const iso = await t.http().get(`/api/alerts?from=${new Date(base + 2 * 3600_000).toISOString()}&to=${new Date(base + 3 * 3600_000).toISOString()}`).set(bearer(owner.token)).expect(200);
    expect(iso.body.total).toBe(2);
    const mine = await t.http().get('/api/alerts?limit=100').set(bearer(owner.token)).expect(200);
    expect(mine.body.items.every((a: { cameraId: string }) => a.cameraId === camA)).toBe(true);
    const peek = await t.http().get(`/api/alerts?cameraId=${camB}`).set(bearer(owner.token)).expect(200);
    expect(peek.body).toMatchObject({ items: [], total: 0 });
    const admin = await t.http().get(`/api/alerts?cameraId=${camB}`).set(bearer(t.adminToken)).expect(200);
    expect(admin.body.total).toBe(1);
    const hidden = admin.body.items[0].alertId;
    await t.http().get(`/api/alerts/${hidden}`).set(bearer(owner.token)).expect(404);
    await t.http().get(`/api/alerts/${hidden}`).set(bearer(stranger.token)).expect(200);
  });

  it('validates the query', async () => {
    for (const q of ['from=garbage', 'to=2026-13-45', 'from=2026-02-01&to=2026-01-01', 'page=0', 'limit=-5', 'cameraId[$ne]=x', 'sort=asc']) {
      const res = await t.http().get(`/api/alerts?${q}`).set(bearer(owner.token));
      expect([q, res.status]).toEqual([q, 400]);
    }
    await t.http().get('/api/alerts').expect(401);
  });

  it('pages with limit 20 by default and caps limit at 100', async () => {
    const cam = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody())).body.id as string;
    const base = Date.parse('2026-06-01T00:00:00Z');
    for (let i = 0; i < 105; i++) await post({ cameraId: cam, bbox, timestamp: base + i * 1000 }).expect(201);
    const first = await t.http().get(`/api/alerts?cameraId=${cam}`).set(bearer(owner.token)).expect(200);
    expect({ page: first.body.page, limit: first.body.limit, items: first.body.items.length, total: first.body.total }).toEqual({ page: 1, limit: 20, items: 20, total: 105 });
    const capped = await t.http().get(`/api/alerts?cameraId=${cam}&limit=1000`).set(bearer(owner.token)).expect(200);
    expect({ limit: capped.body.limit, items: capped.body.items.length }).toEqual({ limit: 100, items: 100 });
    const last = await t.http().get(`/api/alerts?cameraId=${cam}&limit=100&page=2`).set(bearer(owner.token)).expect(200);
    expect(last.body.items.map((a: { timestamp: string }) => Date.parse(a.timestamp))).toEqual([4, 3, 2, 1, 0].map((i) => base + i * 1000));
    const beyond = await t.http().get(`/api/alerts?cameraId=${cam}&page=50`).set(bearer(owner.token)).expect(200);
    expect({ items: beyond.body.items, total: beyond.body.total }).toEqual({ items: [], total: 105 });
  });

  it('deletes a camera’s alerts with the camera', async () => {
    const cam = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody())).body.id;
    await post({ cameraId: cam, bbox }).expect(201);
    await t.http().delete(`/api/cameras/${cam}`).set(bearer(owner.token)).expect(204);
    const res = await t.http().get(`/api/alerts?cameraId=${cam}`).set(bearer(t.adminToken)).expect(200);
    expect(res.body.total).toBe(0);
  });
});
