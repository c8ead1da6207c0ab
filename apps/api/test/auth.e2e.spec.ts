import { ADMIN, JWT_SECRET, bearer, startTestApp, type TestApp } from '../src/testing/test-app';
import { signHs256, unsignedJwt } from './support/tokens';

describe('auth', () => {
  let t: TestApp;
  let adminId: string;
  beforeAll(async () => {
    t = await startTestApp();
    adminId = (await t.http().get('/api/auth/me').set(bearer(t.adminToken))).body.id;
  });
  afterAll(() => t.close());

  it('logs in and returns a token that opens /auth/me', async () => {
    const res = await t.http().post('/api/auth/login').send(ADMIN).expect(200);
    expect(typeof res.body.token).toBe('string');
    const me = await t.http().get('/api/auth/me').set(bearer(res.body.token)).expect(200);
    // ADMIN_PASSWORD was chosen by the operator: no need to change it.
    expect(me.body).toEqual({ id: expect.any(String), username: 'admin', role: 'admin', mustChangePassword: false, createdAt: expect.any(String) });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('issues tokens that expire in 12 hours by default', async () => {
    const res = await t.http().post('/api/auth/login').send(ADMIN).expect(200);
    const payload = JSON.parse(Buffer.from(res.body.token.split('.')[1], 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(12 * 3600);
  });

  it('answers 401 with the same message for an unknown user and a wrong password', async () => {
    const a = await t.http().post('/api/auth/login').send({ username: 'nobody', password: 'whatever1' }).expect(401);
    const b = await t.http().post('/api/auth/login').send({ username: 'admin', password: 'wrong-password' }).expect(401);
    expect(a.body).toEqual({ statusCode: 401, message: 'Invalid username or password' });
    expect(b.body).toEqual(a.body);
  });

  it('rejects wrong types and unknown fields in the login body', async () => {
    await t.http().post('/api/auth/login').send({ username: { $gt: '' }, password: 'x' }).expect(400);
    await t.http().post('/api/auth/login').send({ username: 'admin', password: { $ne: null } }).expect(400);
    await t.http().post('/api/auth/login').send({ ...ADMIN, extra: 1 }).expect(400);
    await t.http().post('/api/auth/login').send({}).expect(400);
  });

  it('throttles repeated failures for one username with 429 and Retry-After', async () => {
    const victim = await t.user('viewer', 'throttled-user');
    let last = 0;
    for (let i = 0; i < 6; i++) {
      last = (await t.http().post('/api/auth/login').send({ username: victim.username, password: 'wrong-pass' })).status;
    }
    expect(last).toBe(429);
    const res = await t.http().post('/api/auth/login').send({ username: victim.username, password: `${victim.username}-password` });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.statusCode).toBe(429);
  });

  it('refuses missing, malformed, unsigned, expired, never-expiring and wrongly signed tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: adminId, username: 'admin', role: 'admin', iat: now };
    const unsigned = unsignedJwt({ ...claims, exp: now + 3600 });
    const expired = signHs256({ ...claims, exp: now - 10 }, JWT_SECRET);
    const noExpiry = signHs256(claims, JWT_SECRET);
    const wrongSecret = signHs256({ ...claims, exp: now + 3600 }, 'not-the-secret');
    const valid = signHs256({ ...claims, exp: now + 3600 }, JWT_SECRET);
    await t.http().get('/api/auth/me').expect(401);
    await t.http().get('/api/auth/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
    await t.http().get('/api/auth/me').set(bearer(unsigned)).expect(401);
    await t.http().get('/api/auth/me').set(bearer(expired)).expect(401);
    await t.http().get('/api/auth/me').set(bearer(noExpiry)).expect(401);
    await t.http().get('/api/auth/me').set(bearer(wrongSecret)).expect(401);
    await t.http().get('/api/auth/me').set(bearer(valid)).expect(200);
  });

  it('refuses the token of a deleted user', async () => {
    const u = await t.user('operator');
    await t.http().delete(`/api/users/${u.id}`).set(bearer(t.adminToken)).expect(204);
    await t.http().get('/api/auth/me').set(bearer(u.token)).expect(401);
  });

  it('lets a user change their own password with the current one', async () => {
    const u = await t.user('viewer');
    await t.http().post('/api/auth/password').set(bearer(u.token)).send({ currentPassword: 'nope-nope', newPassword: 'new-password-1' }).expect(401);
    await t.http().post('/api/auth/password').set(bearer(u.token)).send({ currentPassword: `${u.username}-password`, newPassword: 'short' }).expect(400);
    await t.http().post('/api/auth/password').set(bearer(u.token)).send({ currentPassword: `${u.username}-password`, newPassword: 'new-password-1' }).expect(204);
    await t.login(u.username, 'new-password-1');
  });

  it('serves health without auth and the OpenAPI document', async () => {
    const health = await t.http().get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', database: { kind: 'sqlite', up: true } });
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/cameras', '/api/alerts', '/api/auth/login', '/api/users']));
  });
});
