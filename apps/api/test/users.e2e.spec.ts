import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

describe('users and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lets an admin create, list, change and delete users', async () => {
    const created = await t.http().post('/api/users').set(bearer(t.adminToken)).send({ username: 'carol', password: 'carol-pass-1', role: 'operator' }).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), username: 'carol', role: 'operator', mustChangePassword: false, createdAt: expect.any(String) });
    const list = await t.http().get('/api/users').set(bearer(t.adminToken)).expect(200);
    expect(list.body.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['admin', 'carol']));
    expect(JSON.stringify(list.body)).not.toContain('carol-pass-1');
    const changed = await t.http().patch(`/api/users/${created.body.id}`).set(bearer(t.adminToken)).send({ role: 'viewer', password: 'carol-pass-2' }).expect(200);
    expect(changed.body.role).toBe('viewer');
    // A password an admin set is temporary until the user picks their own.
    expect(changed.body.mustChangePassword).toBe(true);
    const carol = await t.login('carol', 'carol-pass-2');
    await t.http().post('/api/auth/password').set(bearer(carol)).send({ currentPassword: 'carol-pass-2', newPassword: 'carol-own-pass' }).expect(204);
    expect((await t.http().get('/api/auth/me').set(bearer(carol)).expect(200)).body.mustChangePassword).toBe(false);
    await t.http().delete(`/api/users/${created.body.id}`).set(bearer(t.adminToken)).expect(204);
    await t.http().delete(`/api/users/${created.body.id}`).set(bearer(t.adminToken)).expect(404);
  });

  it('forbids user management to operators and viewers', async () => {
    for (const role of ['operator', 'viewer'] as const) {
      const u = await t.user(role);
      await t.http().get('/api/users').set(bearer(u.token)).expect(403);
      await t.http().post('/api/users').set(bearer(u.token)).send({ username: 'zed-user', password: 'zed-pass-1', role: 'admin' }).expect(403);
      await t.http().patch(`/api/users/${u.id}`).set(bearer(u.token)).send({ role: 'admin' }).expect(403);
      await t.http().delete(`/api/users/${u.id}`).set(bearer(u.token)).expect(403);
    }
  });

  it('validates new users and refuses duplicate usernames with 409', async () => {
    const h = bearer(t.adminToken);
    await t.http().post('/api/users').set(h).send({ username: 'dave', password: 'short', role: 'viewer' }).expect(400);
    await t.http().post('/api/users').set(h).send({ username: 'dave', password: 'long-enough', role: 'root' }).expect(400);
    await t.http().post('/api/users').set(h).send({ username: 'a b', password: 'long-enough', role: 'viewer' }).expect(400);
    await t.http().post('/api/users').set(h).send({ username: { $gt: '' }, password: 'long-enough', role: 'viewer' }).expect(400);
    await t.http().post('/api/users').set(h).send({ username: 'dave', password: 'long-enough', role: 'viewer', isAdmin: true }).expect(400);
    await t.http().post('/api/users').set(h).send({ username: 'dave', password: 'long-enough', role: 'viewer' }).expect(201);
    const dup = await t.http().post('/api/users').set(h).send({ username: 'DAVE', password: 'long-enough', role: 'viewer' }).expect(409);
    expect(dup.body.message).toMatch(/taken/);
  });

  it('never removes or demotes the last admin', async () => {
    const me = (await t.http().get('/api/auth/me').set(bearer(t.adminToken))).body;
    await t.http().patch(`/api/users/${me.id}`).set(bearer(t.adminToken)).send({ role: 'viewer' }).expect(409);
    await t.http().delete(`/api/users/${me.id}`).set(bearer(t.adminToken)).expect(409);
  });

  it('answers 404 for unknown or malformed user ids', async () => {
    await t.http().patch('/api/users/does-not-exist').set(bearer(t.adminToken)).send({ role: 'viewer' }).expect(404);
    await t.http().delete('/api/users/%24gt').set(bearer(t.adminToken)).expect(404);
  });

  it('lets operators look users up by name to share a camera, with nothing but id, name and role', async () => {
    const operator = await t.user('operator', 'directory-operator');
    const viewer = await t.user('viewer', 'directory-viewer');
    const res = await t.http().get('/api/users/directory').set(bearer(operator.token)).expect(200);
    const entries = res.body as Array<Record<string, unknown>>;
    expect(entries.map((e) => e['username'])).toEqual([...entries.map((e) => e['username'] as string)].sort((a, b) => a.localeCompare(b)));
    expect(entries).toContainEqual({ id: viewer.id, username: 'directory-viewer', role: 'viewer' });
    for (const entry of entries) expect(Object.keys(entry).sort()).toEqual(['id', 'role', 'username']);
    // What the directory is for: sharing one's camera with a user found by name.
    const cam = (await t.http().post('/api/cameras').set(bearer(operator.token)).send(cameraBody()).expect(201)).body.id as string;
    await t.http().put(`/api/cameras/${cam}/viewers`).set(bearer(operator.token)).send({ userIds: [viewer.id] }).expect(200);
    await t.http().get(`/api/cameras/${cam}`).set(bearer(viewer.token)).expect(200);
    await t.http().get('/api/users/directory').set(bearer(viewer.token)).expect(403);
  });
});
