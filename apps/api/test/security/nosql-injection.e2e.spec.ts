import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { startMongoWireServer, type MongoWireServer } from '@argus/tools/testing/mongo-wire/server';
import { ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../../src/testing/test-app';
import { connectSocket, handshake } from '../support/sockets';

// Both storage adapters: the embedded SQLite database, and MongoDB — a real one when MONGODB_URI
// is set, else the wire-protocol test double from tools/testing/mongo-wire.
let wire: MongoWireServer | null = null;
async function mongoUri(): Promise<string> {
  const base = process.env['MONGODB_URI'] || (wire ??= await startMongoWireServer()).uri;
  const url = new URL(base);
  url.pathname = `/argus_security_${process.pid}_${Date.now().toString(36)}`;
  return url.toString();
}
afterAll(async () => {
  await wire?.stop();
});

const OPERATORS: unknown[] = [{ $gt: '' }, { $ne: null }, { $regex: '.*' }, { $where: 'sleep(100)' }, ['admin'], { $in: ['admin'] }];

describe.each(['SQLite', 'MongoDB'])('NoSQL operators in any field: %s', (storage) => {
  let t: TestApp;
  let owner: { id: string; token: string };
  let viewer: { id: string; token: string };
  let cameraId: string;
  let camera: Record<string, unknown>;
  beforeAll(async () => {
    t = await startTestApp(storage === 'MongoDB' ? { MONGODB_URI: await mongoUri() } : {});
    owner = await t.user('operator');
    viewer = await t.user('viewer');
    camera = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody()).expect(201)).body;
    cameraId = camera['id'] as string;
    await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox: { x: 1, y: 1, width: 2, height: 2 } }).expect(201);
  });
  afterAll(async () => {
    if (storage === 'MongoDB') await t.app.get<string, Connection>(getConnectionToken()).dropDatabase();
    await t.close();
  });

  it.each(OPERATORS)('refuses %j as a username or password', async (operator) => {
    await t.http().post('/api/auth/login').send({ username: operator, password: 'whatever-password' }).expect(400);
    await t.http().post('/api/auth/login').send({ username: 'admin', password: operator }).expect(400);
  });

  it.each(OPERATORS)('refuses %j in every body field that reaches storage', async (operator) => {
    const asOwner = bearer(owner.token);
    const sends: Array<[string, () => Promise<{ status: number }>]> = [
      ['camera name', () => t.http().put(`/api/cameras/${cameraId}`).set(asOwner).send({ ...cameraBody(), name: operator })],
      ['camera url', () => t.http().post('/api/cameras').set(asOwner).send({ ...cameraBody(), rtspUrl: operator })],
      ['fps', () => t.http().patch(`/api/cameras/${cameraId}/fps`).set(asOwner).send({ fps: operator })],
      ['detection', () => t.http().patch(`/api/cameras/${cameraId}/detection`).set(asOwner).send({ enabled: operator })],
      ['viewers', () => t.http().put(`/api/cameras/${cameraId}/viewers`).set(asOwner).send({ userIds: [operator] })],
      ['alert camera', () => t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: operator, bbox: { x: 1, y: 1, width: 2, height: 2 } })],
      ['alert meta', () => t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox: { x: 1, y: 1, width: 2, height: 2 }, meta: { a: operator, $where: '1' } })],
      ['user role', () => t.http().post('/api/users').set(bearer(t.adminToken)).send({ username: 'mallory', password: 'mallory-password', role: operator })],
      ['user patch', () => t.http().patch(`/api/users/${viewer.id}`).set(bearer(t.adminToken)).send({ role: operator })],
    ];
    for (const [field, send] of sends) expect([field, (await send()).status]).toEqual([field, 400]);
  });

  it('refuses dotted and $ keys in alert meta, at any depth', async () => {
    for (const meta of [{ $set: 1 }, { 'a.b': 1 }, { a: { $gt: 1 } }, { a: [{ $ne: null }] }]) {
      await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox: { x: 1, y: 1, width: 2, height: 2 }, meta }).expect(400);
    }
  });

  it.each([
    '/api/cameras?enabled[$ne]=x',
    '/api/cameras?limit[$gt]=0',
    '/api/alerts?cameraId[$ne]=x',
    '/api/alerts?from[$gt]=2020-01-01',
  ])('refuses operators in the query string: %s', async (path) => {
    await t.http().get(path).set(bearer(viewer.token)).expect(400);
  });

  it('reads operator-looking strings as plain strings: no match, nobody else’s data', async () => {
    for (const value of ['$ne', '$gt', '.*', '{"$ne":null}']) {
      const res = await t.http().get('/api/alerts').query({ cameraId: value }).set(bearer(t.adminToken)).expect(200);
      expect(res.body.total).toBe(0);
    }
    const viewerAlerts = await t.http().get('/api/alerts').set(bearer(viewer.token)).expect(200);
    expect(viewerAlerts.body.total).toBe(0);
  });

  it.each(['$ne', '$where', '%7B%22%24ne%22%3Anull%7D', '%24gt', '.*', 'a.b'])('answers 404 for the path id %s, for everyone', async (id) => {
    for (const token of [viewer.token, owner.token, t.adminToken]) {
      await t.http().get(`/api/cameras/${id}`).set(bearer(token)).expect(404);
      await t.http().get(`/api/alerts/${id}`).set(bearer(token)).expect(404);
    }
    await t.http().delete(`/api/cameras/${id}`).set(bearer(t.adminToken)).expect(404);
    await t.http().patch(`/api/users/${id}`).set(bearer(t.adminToken)).send({ role: 'admin' }).expect(404);
    await t.http().delete(`/api/users/${id}`).set(bearer(t.adminToken)).expect(404);
  });

  it('refuses operators in socket subscriptions and reads operator strings as ids', async () => {
    const socket = connectSocket(t.url, { token: viewer.token });
    try {
      expect(await handshake(socket)).toBe(true);
      expect((await socket.emitWithAck('subscribe', { cameraIds: [{ $ne: null }] })).ok).toBe(false);
      expect(await socket.emitWithAck('subscribe', { cameraIds: ['$ne', '.*'] })).toEqual({ ok: true, cameraIds: [] });
    } finally {
      socket.close();
    }
  });

  it('left everything stored as it was', async () => {
    expect((await t.http().get(`/api/cameras/${cameraId}`).set(bearer(owner.token)).expect(200)).body).toEqual(camera);
    const users = (await t.http().get('/api/users').set(bearer(t.adminToken)).expect(200)).body as Array<{ id: string; role: string }>;
    expect(users).toHaveLength(3);
    expect(users.find((u) => u.id === viewer.id)?.role).toBe('viewer');
    expect((await t.http().get('/api/alerts').set(bearer(t.adminToken)).expect(200)).body.total).toBe(1);
  });
});
