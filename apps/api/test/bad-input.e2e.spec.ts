import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

describe('bad input never breaks anything', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 413 in the error shape for oversized bodies', async () => {
    const res = await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody({ name: 'x'.repeat(400_000) })).expect(413);
    expect(res.body).toEqual({ statusCode: 413, message: 'Request body too large' });
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await t.http().post('/api/cameras').set(bearer(t.adminToken)).set('Content-Type', 'application/json').send('{"name": ').expect(400);
    expect(res.body).toEqual({ statusCode: 400, message: 'Malformed request body' });
  });

  it.each([
    ['a form', 'application/x-www-form-urlencoded', 'name=a&location=b&rtspUrl=rtsp://host/x'],
    ['plain text', 'text/plain', JSON.stringify(cameraBody())],
    ['XML', 'application/xml', '<camera><name>a</name></camera>'],
    ['SDP outside WHEP', 'application/sdp', 'v=0\r\n'],
  ])('answers 415 to %s where JSON belongs, and creates nothing', async (_what, type, body) => {
    const before = (await t.http().get('/api/cameras').set(bearer(t.adminToken)).expect(200)).body.total as number;
    const res = await t.http().post('/api/cameras').set(bearer(t.adminToken)).set('Content-Type', type).send(body).expect(415);
    expect(res.body).toEqual({ statusCode: 415, message: 'Content-Type must be application/json' });
    expect((await t.http().get('/api/cameras').set(bearer(t.adminToken)).expect(200)).body.total).toBe(before);
  });

  it('takes JSON with a charset, and bodiless POSTs', async () => {
    const created = await t.http().post('/api/cameras').set(bearer(t.adminToken)).set('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(cameraBody())).expect(201);
    await t.http().post(`/api/cameras/${created.body.id}/stop`).set(bearer(t.adminToken)).expect(202);
    await t.http().delete(`/api/cameras/${created.body.id}`).set(bearer(t.adminToken)).expect(204);
  });

  it('keeps stored data after a stream of bad requests', async () => {
    const cam = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody()).expect(201)).body;
    const bad: Array<['put' | 'patch', string, object]> = [
      ['put', `/api/cameras/${cam.id}`, { name: { $set: 'x' } }],
      ['put', `/api/cameras/${cam.id}`, { ...cameraBody(), rtspUrl: 'file:///etc/shadow' }],
      ['patch', `/api/cameras/${cam.id}/fps`, { fps: { $inc: 1 } }],
      ['patch', `/api/cameras/${cam.id}/detection`, []],
      ['put', `/api/cameras/${cam.id}/viewers`, { userIds: 'everyone' }],
    ];
    for (const [method, url, body] of bad) {
      const res = await t.http()[method](url).set(bearer(t.adminToken)).send(body);
      expect([url, res.status]).toEqual([url, 400]);
    }
    const after = await t.http().get(`/api/cameras/${cam.id}`).set(bearer(t.adminToken)).expect(200);
    expect(after.body).toEqual(cam);
  });

  it('answers 404 in the error shape for unknown API routes', async () => {
    const res = await t.http().get('/api/nothing-here').set(bearer(t.adminToken)).expect(404);
    expect(res.body.statusCode).toBe(404);
  });

  it('sets security headers', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
