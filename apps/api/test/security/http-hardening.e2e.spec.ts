import { ADMIN, ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../../src/testing/test-app';

const CONSOLE_ORIGIN = 'https://console.example';
const bbox = { x: 1, y: 2, width: 3, height: 4 };

describe('HTTP hardening: headers, CORS, no CSRF, body limits, malformed bodies', () => {
  let t: TestApp;
  let cameraId: string;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: CONSOLE_ORIGIN });
    cameraId = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody()).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it.each([
    ['an answer', '/api/health', 200],
    ['a refusal', '/api/cameras', 401],
    ['an unknown route', '/api/nothing', 404],
  ])('sends the security headers on %s', async (_what, path, status) => {
    const res = await t.http().get(path).expect(status);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/object-src 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // Plain-HTTP LAN deployments must not have the console's own scripts upgraded to https.
    expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers CORS only for the origins in CORS_ORIGINS, never with credentials', async () => {
    const allowed = await t.http().options('/api/cameras').set('Origin', CONSOLE_ORIGIN).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(allowed.headers['access-control-allow-origin']).toBe(CONSOLE_ORIGIN);
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    for (const origin of ['https://evil.example', 'https://console.example.evil.example', 'null']) {
      const preflight = await t.http().options('/api/cameras').set('Origin', origin).set('Access-Control-Request-Method', 'DELETE');
      const simple = await t.http().get('/api/health').set('Origin', origin);
      expect([origin, preflight.headers['access-control-allow-origin'], simple.headers['access-control-allow-origin']]).toEqual([origin, undefined, undefined]);
    }
  });

  it('gives socket.io no CORS answer for a foreign origin', async () => {
    const res = await t.http().get('/ws/?EIO=4&transport=polling').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('makes CSRF impossible: no cookies are set, and a cookie or a form never authenticates', async () => {
    const login = await t.http().post('/api/auth/login').send(ADMIN).expect(200);
    expect(login.headers['set-cookie']).toBeUndefined();
    const token = login.body.token as string;
    const cookie = `token=${token}; access_token=${token}; Authorization=Bearer%20${token}`;
    await t.http().get('/api/auth/me').set('Cookie', cookie).expect(401);
    await t.http().delete(`/api/cameras/${cameraId}`).set('Cookie', cookie).expect(401);
    // What a cross-site <form> can send: urlencoded or text/plain bodies, no custom header.
    // Both are refused for their media type before anything else (and would not authenticate either).
    await t.http().post('/api/users').set('Cookie', cookie).type('form').send('username=mallory&password=mallory-password&role=admin').expect(415);
    await t.http().post('/api/auth/password').set('Cookie', cookie).set('Content-Type', 'text/plain').send('{"currentPassword":"x","newPassword":"y"}').expect(415);
    expect((await t.http().get('/api/users').set(bearer(t.adminToken)).expect(200)).body.map((u: { username: string }) => u.username)).not.toContain('mallory');
    // Tokens are not taken from the query string for REST either (they would end up in logs and referrers).
    await t.http().get(`/api/auth/me?token=${token}`).expect(401);
    await t.http().get(`/api/auth/me?access_token=${token}`).expect(401);
    await t.http().get(`/api/cameras/${cameraId}`).set(bearer(t.adminToken)).expect(200);
  });

  it.each([
    ['POST', '/api/alerts', 'application/json', () => JSON.stringify({ cameraId: 'x', bbox, meta: { pad: 'x'.repeat(300_000) } })],
    ['POST', '/api/auth/login', 'application/json', () => JSON.stringify({ username: 'admin', password: 'p'.repeat(300_000) })],
    ['POST', '/api/users', 'application/json', () => JSON.stringify({ username: 'u'.repeat(300_000), password: 'x', role: 'viewer' })],
    ['POST', '/api/cameras/:id/whep', 'application/sdp', () => `v=0\r\n${'a=x\r\n'.repeat(20_000)}`],
  ])('answers 413 in the error shape for an oversized %s %s (%s)', async (method, path, type, body) => {
    const url = path.replace(':id', cameraId);
    const auth = path === '/api/alerts' ? ALERT_TOKEN : t.adminToken;
    const res = await t.http().post(url).set(bearer(auth)).set('Content-Type', type).send(body()).expect(413);
    expect([method, res.body]).toEqual([method, { statusCode: 413, message: 'Request body too large' }]);
  });

  it.each([
    ['truncated', '{"username": "admin", "password": '],
    ['trailing garbage', '{"username":"admin","password":"x"} {"x":1}'],
    ['a bare string', '"admin"'],
    ['a bare number', '12'],
    ['null', 'null'],
    ['single quotes', "{'username':'admin'}"],
    ['a NaN literal', '{"username":"admin","password":NaN}'],
  ])('answers 400 to malformed JSON (%s) and stays up', async (_what, text) => {
    const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(text);
    expect(res.status).toBe(400);
    expect(res.body.statusCode).toBe(400);
    await t.http().get('/api/health').expect(200);
  });

  it('refuses prototype-pollution keys and leaves prototypes alone', async () => {
    for (const text of [
      '{"username":"admin","password":"x","__proto__":{"polluted":true}}',
      '{"username":"admin","password":"x","constructor":{"prototype":{"polluted":true}}}',
    ]) {
      const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(text);
      expect(res.status).toBe(400);
    }
    const alert = await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).set('Content-Type', 'application/json')
      .send(`{"cameraId":"${cameraId}","bbox":{"x":1,"y":2,"width":3,"height":4},"meta":{"__proto__":{"polluted":true}}}`);
    expect(alert.status).toBe(400);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('answers deep nesting, infinite numbers and bad encodings with 4xx, not 500', async () => {
    // 50 000 levels overflow the stack in validation if they ever get that far.
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const body = (meta: string, x = '1') => `{"cameraId":"${cameraId}","bbox":{"x":${x},"y":2,"width":3,"height":4},"meta":${meta}}`;
    const malformed = 'Malformed request body';
    const cases: Array<[string, string, string, number, string | RegExp]> = [
      ['deep', 'application/json', body(`{"a":${deep(50_000)}}`), 400, malformed],
      ['just too deep', 'application/json', body(`{"a":${deep(31)}}`), 400, malformed],
      // Past the parser; the alert's own rules then keep meta shallow.
      ['deep but parsed', 'application/json', body(`{"a":${deep(30)}}`), 400, /meta must be nested at most/],
      ['brackets in strings do not count', 'application/json', body(`{"a":"${'['.repeat(100)}"}`), 201, ''],
      ['infinite', 'application/json', body('{}', '1e400'), 400, /bbox/],
      ['utf-16 that is not', 'application/json; charset=utf-16', '{}', 400, malformed],
      ['latin1', 'application/json; charset=latin1', '{}', 415, /charset/],
    ];
    for (const [what, type, text, status, message] of cases) {
      const res = await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).set('Content-Type', type).send(text);
      expect([what, res.status]).toEqual([what, status]);
      if (message) expect([what, res.body.message]).toEqual([what, expect.stringMatching(message)]);
    }
    const gzip = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('not gzip');
    expect(gzip.body).toEqual({ statusCode: 400, message: 'Malformed request body' });
    await t.http().get('/api/health').expect(200);
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ALERT_POST_RATE: '1', ALERT_POST_BURST: '3' });
  });
  afterAll(() => t.close());

  it('limits POST /api/alerts per address with 429 and Retry-After, wrong tokens included', async () => {
    const cameraId = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody()).expect(201)).body.id;
    const post = (token: string) => t.http().post('/api/alerts').set(bearer(token)).send({ cameraId, bbox });
    expect([(await post(ALERT_TOKEN)).status, (await post('wrong-token')).status, (await post(ALERT_TOKEN)).status]).toEqual([201, 401, 201]);
    const limited = await post(ALERT_TOKEN);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body).toEqual({ statusCode: 429, message: expect.stringMatching(/too many/i) });
    expect((await post('wrong-token')).status).toBe(429);
    // Other routes are not affected.
    await t.http().get('/api/alerts').set(bearer(t.adminToken)).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await post(ALERT_TOKEN)).status).toBe(201);
  });

  it('limits login failures per address, across usernames, even for the right password afterwards', async () => {
    let status = 0;
    for (let i = 0; i < 21 && status !== 429; i++) {
      status = (await t.http().post('/api/auth/login').send({ username: `guess-${i}`, password: 'wrong-password' })).status;
    }
    expect(status).toBe(429);
    const res = await t.http().post('/api/auth/login').send(ADMIN);
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
