import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

describe('cameras', () => {
  let t: TestApp;
  let operator: { id: string; token: string };
  let otherOperator: { id: string; token: string };
  let viewer: { id: string; token: string };
  beforeAll(async () => {
    t = await startTestApp();
    operator = await t.user('operator');
    otherOperator = await t.user('operator');
    viewer = await t.user('viewer');
  });
  afterAll(() => t.close());

  const create = async (token: string, overrides: Record<string, unknown> = {}) =>
    (await t.http().post('/api/cameras').set(bearer(token)).send(cameraBody(overrides)).expect(201)).body;

  it('creates a camera with defaults and a masked URL', async () => {
    const cam = await create(operator.token);
    expect(cam).toMatchObject({
      name: 'Front door', location: 'Porch', rtspUrl: 'rtsp://user:***@192.0.2.10:554/stream1',
      enabled: true, detectionEnabled: true, fps: 10, status: 'stopped', ownerId: operator.id,
    });
    expect(new Date(cam.createdAt).toISOString()).toBe(cam.createdAt);
    const fetched = await t.http().get(`/api/cameras/${cam.id}`).set(bearer(operator.token)).expect(200);
    expect(fetched.body).toEqual(cam);
    expect(JSON.stringify(fetched.body)).not.toContain('secret');
  });

  it.each([
    ['file:', { rtspUrl: 'file:///etc/passwd' }],
    ['http:', { rtspUrl: 'http://192.0.2.1/stream' }],
    ['concat:', { rtspUrl: 'concat:rtsp://a|rtsp://b' }],
    ['an option', { rtspUrl: '-i rtsp://192.0.2.1/x' }],
    ['spaces', { rtspUrl: 'rtsp://192.0.2.1/a b' }],
    ['a newline', { rtspUrl: 'rtsp://192.0.2.1/a\n-f' }],
    ['an object as URL', { rtspUrl: { $gt: '' } }],
    ['fps 0', { fps: 0 }],
    ['fps 31', { fps: 31 }],
    ['fps as string', { fps: '10' }],
    ['fps fractional', { fps: 2.5 }],
    ['enabled as string', { enabled: 'yes' }],
    ['empty name', { name: '   ' }],
    ['name as object', { name: { $ne: null } }],
    ['missing location', { location: undefined }],
    ['unknown field', { owner: 'x' }],
  ])('rejects %s with 400 and a message', async (_label, overrides) => {
    const res = await t.http().post('/api/cameras').set(bearer(operator.token)).send(cameraBody(overrides)).expect(400);
    expect(res.body.statusCode).toBe(400);
    expect(typeof res.body.message).toBe('string');
    expect(res.body.message.length).toBeGreaterThan(0);
  });

  it('reports every problem of a body at once', async () => {
    const res = await t.http().post('/api/cameras').set(bearer(operator.token)).send({ name: '', location: 'x', rtspUrl: 'http://x' }).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.stringMatching(/name/), expect.stringMatching(/rtsp/)]));
  });

  it('accepts rtsps URLs', async () => {
    const cam = await create(operator.token, { rtspUrl: 'rtsps://cam.example/live' });
    expect(cam.rtspUrl).toBe('rtsps://cam.example/live');
  });

  it('forbids viewers from creating cameras', async () => {
    await t.http().post('/api/cameras').set(bearer(viewer.token)).send(cameraBody()).expect(403);
  });

  it('hides other people’s cameras as 404 and lists only visible ones', async () => {
    const mine = await create(operator.token, { name: 'Mine' });
    const theirs = await create(otherOperator.token, { name: 'Theirs' });
    await t.http().get(`/api/cameras/${theirs.id}`).set(bearer(operator.token)).expect(404);
    await t.http().put(`/api/cameras/${theirs.id}`).set(bearer(operator.token)).send(cameraBody()).expect(404);
    await t.http().delete(`/api/cameras/${theirs.id}`).set(bearer(operator.token)).expect(404);
    await t.http().patch(`/api/cameras/${theirs.id}/fps`).set(bearer(operator.token)).send({ fps: 5 }).expect(404);
    const list = await t.http().get('/api/cameras?limit=100').set(bearer(operator.token)).expect(200);
    const ids = list.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    const all = await t.http().get('/api/cameras?limit=100').set(bearer(t.adminToken)).expect(200);
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    const none = await t.http().get('/api/cameras').set(bearer(viewer.token)).expect(200);
    expect(none.body).toEqual({ items: [], total: 0, page: 1, limit: 20 });
  });

  it('gives listed viewers read access only', async () => {
    const cam = await create(operator.token, { name: 'Shared' });
    await t.http().get(`/api/cameras/${cam.id}`).set(bearer(viewer.token)).expect(404);
    const shared = await t.http().put(`/api/cameras/${cam.id}/viewers`).set(bearer(operator.token)).send({ userIds: [viewer.id] }).expect(200);
    expect(shared.body.viewerIds).toEqual([viewer.id]);
    const seen = await t.http().get(`/api/cameras/${cam.id}`).set(bearer(viewer.token)).expect(200);
    expect(seen.body).not.toHaveProperty('viewerIds');
    await t.http().put(`/api/cameras/${cam.id}`).set(bearer(viewer.token)).send(cameraBody()).expect(403);
    await t.http().patch(`/api/cameras/${cam.id}/detection`).set(bearer(viewer.token)).send({ enabled: false }).expect(403);
    await t.http().put(`/api/cameras/${cam.id}/viewers`).set(bearer(viewer.token)).send({ userIds: [] }).expect(403);
    await t.http().delete(`/api/cameras/${cam.id}`).set(bearer(viewer.token)).expect(403);
    await t.http().put(`/api/cameras/${cam.id}/viewers`).set(bearer(operator.token)).send({ userIds: ['no-such-user'] }).expect(400);
    await t.http().put(`/api/cameras/${cam.id}/viewers`).set(bearer(operator.token)).send({ userIds: [{ $gt: '' }] }).expect(400);
  });

  it('updates with PUT, keeping the stored password when the masked URL is sent back', async () => {
    const cam = await create(operator.token);
    const put = await t.http().put(`/api/cameras/${cam.id}`).set(bearer(operator.token))
      .send({ name: 'Back yard', location: 'Garden', rtspUrl: cam.rtspUrl, fps: 5, detectionEnabled: false }).expect(200);
    expect(put.body).toMatchObject({ name: 'Back yard', location: 'Garden', fps: 5, detectionEnabled: false, rtspUrl: cam.rtspUrl });
    await t.http().put(`/api/cameras/${cam.id}`).set(bearer(operator.token)).send({ name: 'x' }).expect(400);
    await t.http().put('/api/cameras/unknown-id').set(bearer(operator.token)).send(cameraBody()).expect(404);
  });

  it('switches detection and FPS at runtime', async () => {
    const cam = await create(operator.token);
    const det = await t.http().patch(`/api/cameras/${cam.id}/detection`).set(bearer(operator.token)).send({ enabled: false }).expect(200);
    expect(det.body.detectionEnabled).toBe(false);
    await t.http().patch(`/api/cameras/${cam.id}/detection`).set(bearer(operator.token)).send({ enabled: 'false' }).expect(400);
    const fps = await t.http().patch(`/api/cameras/${cam.id}/fps`).set(bearer(operator.token)).send({ fps: 25 }).expect(200);
    expect(fps.body.fps).toBe(25);
    for (const bad of [0, 31, '5', null, 1.5]) {
      await t.http().patch(`/api/cameras/${cam.id}/fps`).set(bearer(operator.token)).send({ fps: bad }).expect(400);
    }
  });

  it('deletes a camera with 204, then 404', async () => {
    const cam = await create(operator.token);
    await t.http().delete(`/api/cameras/${cam.id}`).set(bearer(operator.token)).expect(204);
    await t.http().get(`/api/cameras/${cam.id}`).set(bearer(operator.token)).expect(404);
  });

  it('pages, filters by enabled and validates paging', async () => {
    const op = await t.user('operator');
    for (let i = 0; i < 5; i++) await create(op.token, { name: `Cam ${i}`, enabled: i % 2 === 0 });
    const p2 = await t.http().get('/api/cameras?page=2&limit=2').set(bearer(op.token)).expect(200);
    expect(p2.body).toMatchObject({ total: 5, page: 2, limit: 2 });
    expect(p2.body.items.map((c: { name: string }) => c.name)).toEqual(['Cam 2', 'Cam 3']);
    const enabled = await t.http().get('/api/cameras?enabled=true').set(bearer(op.token)).expect(200);
    expect(enabled.body.total).toBe(3);
    const disabled = await t.http().get('/api/cameras?enabled=false').set(bearer(op.token)).expect(200);
    expect(disabled.body.total).toBe(2);
    const clamped = await t.http().get('/api/cameras?limit=1000').set(bearer(op.token)).expect(200);
    expect(clamped.body.limit).toBe(100);
    for (const q of ['page=0', 'page=-1', 'page=abc', 'limit=0', 'limit=1.5', 'enabled=maybe', 'page[$gt]=1', 'unknown=1']) {
      await t.http().get(`/api/cameras?${q}`).set(bearer(op.token)).expect(400);
    }
  });

  it('answers 404, never 500, for malformed ids', async () => {
    for (const id of ['%24where', 'a'.repeat(300), '..%2F..%2Fetc', '%7B%7D']) {
      await t.http().get(`/api/cameras/${id}`).set(bearer(t.adminToken)).expect(404);
    }
  });
});
