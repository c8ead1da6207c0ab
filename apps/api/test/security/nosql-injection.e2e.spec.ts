import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Response, Test } from 'supertest';
import type { AlertRepository, CameraRepository, UserRepository } from '@argus/domain';
import { startMongoWireServer, type MongoWireServer } from '@argus/tools/testing/mongo-wire/server';
import { MEDIAMTX_PUBLISHER_SECRET } from '../../src/live/mediamtx-access';
import { MEDIAMTX_PUBLISHER } from '../../src/live/publisher-secret';
import { ALERT_REPOSITORY, CAMERA_REPOSITORY, USER_REPOSITORY } from '../../src/persistence/tokens';
import { ADMIN, ALERT_TOKEN, JWT_SECRET, bearer, cameraBody, startTestApp, type TestApp } from '../../src/testing/test-app';
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

/** What an attacker puts where a string, number, boolean, list or object belongs. */
const OPERATORS: unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $regex: '.*' },
  { $where: '1' },
  { $where: 'sleep(100)' },
  { $exists: true },
  { $in: ['admin'] },
  { $or: [{ role: 'admin' }] },
  ['admin'],
  [{ $ne: null }],
];

const CAMERA_PASSWORD = 'Cam3ra-Pa55word-xyz';

/** What each request below needs: the app, the stored ids, and the callers. */
interface World {
  t: TestApp;
  cameraId: string;
  owner: { id: string; token: string; username: string };
  viewer: { id: string; token: string; username: string };
  publisherSecret: string;
}

const password = (user: { username: string }) => `${user.username}-password`;
const bbox = { x: 1, y: 1, width: 2, height: 2 };

/**
 * Every body field that reaches storage or a lookup: how to send a value in it, and an ordinary
 * value with the status it gets (sent last, to show that each refusal is the operator's doing).
 * Refused with 400, except the MediaMTX hook, which answers 401 to anything it does not allow.
 */
interface FieldCase {
  send(w: World, value: unknown): Test;
  valid: (w: World) => unknown;
  validStatus: number;
  refused?: number;
}

const asOwner = (w: World) => bearer(w.owner.token);
const asAdmin = (w: World) => bearer(w.t.adminToken);
const postCamera = (field: string, valid: unknown): FieldCase => ({
  send: (w, value) => w.t.http().post('/api/cameras').set(asOwner(w)).send({ ...cameraBody(), [field]: value }),
  valid: () => valid,
  validStatus: 201,
});
const putCamera = (field: string, valid: unknown): FieldCase => ({
  send: (w, value) => w.t.http().put(`/api/cameras/${w.cameraId}`).set(asOwner(w)).send({ ...cameraBody({ rtspUrl: `rtsp://user:${CAMERA_PASSWORD}@192.0.2.10:554/stream1` }), [field]: value }),
  valid: () => valid,
  validStatus: 200,
});
const postUser = (field: string, valid: unknown): FieldCase => ({
  send: (w, value) => w.t.http().post('/api/users').set(asAdmin(w)).send({ username: `mallory-${field}`, password: 'mallory-password', role: 'viewer', [field]: value }),
  valid: () => valid,
  validStatus: 201,
});
const patchUser = (field: string, valid: unknown): FieldCase => ({
  send: (w, value) => w.t.http().patch(`/api/users/${w.viewer.id}`).set(asAdmin(w)).send({ [field]: value }),
  valid: () => valid,
  validStatus: 200,
});
const alert = (body: (value: unknown, w: World) => Record<string, unknown>, valid: unknown): FieldCase => ({
  send: (w, value) => w.t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send(body(value, w)),
  valid: () => valid,
  validStatus: 201,
});
/** The hook body, with `field` the one credential that decides. */
const hook = (field: string, base: (w: World) => Record<string, unknown>, valid: (w: World) => unknown): FieldCase => ({
  send: (w, value) =>
    w.t.http().post('/api/mediamtx/auth').send({ ip: '127.0.0.1', id: null, protocol: 'webrtc', user: '', password: '', token: '', query: '', ...base(w), [field]: value }),
  valid,
  validStatus: 200,
  refused: 401,
});
const read = (w: World) => ({ action: 'read', path: w.cameraId, token: w.owner.token });

const BODY_FIELDS: Record<string, FieldCase> = {
  'POST /api/auth/login username': {
    send: (w, value) => w.t.http().post('/api/auth/login').send({ username: value, password: 'whatever-password' }),
    valid: () => 'nobody-by-that-name',
    validStatus: 401,
  },
  'POST /api/auth/login password': {
    send: (w, value) => w.t.http().post('/api/auth/login').send({ username: 'nobody-by-that-name', password: value }),
    valid: () => 'whatever-password',
    validStatus: 401,
  },
  'POST /api/auth/password currentPassword': {
    send: (w, value) => w.t.http().post('/api/auth/password').set(bearer(w.viewer.token)).send({ currentPassword: value, newPassword: password(w.viewer) }),
    valid: (w) => password(w.viewer),
    validStatus: 204,
  },
  'POST /api/auth/password newPassword': {
    send: (w, value) => w.t.http().post('/api/auth/password').set(bearer(w.viewer.token)).send({ currentPassword: password(w.viewer), newPassword: value }),
    valid: (w) => password(w.viewer),
    validStatus: 204,
  },
  'POST /api/cameras name': postCamera('name', 'Gate'),
  'POST /api/cameras location': postCamera('location', 'Yard'),
  'POST /api/cameras rtspUrl': postCamera('rtspUrl', 'rtsp://192.0.2.11/stream'),
  'POST /api/cameras enabled': postCamera('enabled', false),
  'POST /api/cameras detectionEnabled': postCamera('detectionEnabled', false),
  'POST /api/cameras fps': postCamera('fps', 5),
  'PUT /api/cameras/:id name': putCamera('name', 'Front door'),
  'PUT /api/cameras/:id location': putCamera('location', 'Porch'),
  'PUT /api/cameras/:id rtspUrl': putCamera('rtspUrl', `rtsp://user:${CAMERA_PASSWORD}@192.0.2.10:554/stream1`),
  'PUT /api/cameras/:id enabled': putCamera('enabled', true),
  'PUT /api/cameras/:id detectionEnabled': putCamera('detectionEnabled', true),
  'PUT /api/cameras/:id fps': putCamera('fps', 10),
  'PATCH /api/cameras/:id/detection enabled': {
    send: (w, value) => w.t.http().patch(`/api/cameras/${w.cameraId}/detection`).set(asOwner(w)).send({ enabled: value }),
    valid: () => true,
    validStatus: 200,
  },
  'PATCH /api/cameras/:id/fps fps': {
    send: (w, value) => w.t.http().patch(`/api/cameras/${w.cameraId}/fps`).set(asOwner(w)).send({ fps: value }),
    valid: () => 10,
    validStatus: 200,
  },
  'PUT /api/cameras/:id/viewers userIds': {
    send: (w, value) => w.t.http().put(`/api/cameras/${w.cameraId}/viewers`).set(asOwner(w)).send({ userIds: value }),
    valid: (w) => [w.viewer.id],
    validStatus: 200,
  },
  'PUT /api/cameras/:id/viewers userIds[] element': {
    send: (w, value) => w.t.http().put(`/api/cameras/${w.cameraId}/viewers`).set(asOwner(w)).send({ userIds: [w.viewer.id, value] }),
    valid: (w) => w.viewer.id,
    validStatus: 200,
  },
  'POST /api/users username': postUser('username', 'mallory'),
  'POST /api/users password': postUser('password', 'mallory-password'),
  'POST /api/users role': postUser('role', 'viewer'),
  'PATCH /api/users/:id password': patchUser('password', 'reset-password-1'),
  'PATCH /api/users/:id role': patchUser('role', 'viewer'),
  'POST /api/alerts cameraId': { ...alert((cameraId) => ({ cameraId, bbox }), null), valid: (w) => w.cameraId },
  'POST /api/alerts timestamp': alert((timestamp, w) => ({ cameraId: w.cameraId, timestamp, bbox }), '2024-05-01T12:00:00.000Z'),
  'POST /api/alerts bbox': alert((value, w) => ({ cameraId: w.cameraId, bbox: value }), bbox),
  'POST /api/alerts bbox.x': alert((x, w) => ({ cameraId: w.cameraId, bbox: { ...bbox, x } }), 1),
  'POST /api/alerts bbox.y': alert((y, w) => ({ cameraId: w.cameraId, bbox: { ...bbox, y } }), 1),
  'POST /api/alerts bbox.width': alert((width, w) => ({ cameraId: w.cameraId, bbox: { ...bbox, width } }), 2),
  'POST /api/alerts bbox.height': alert((height, w) => ({ cameraId: w.cameraId, bbox: { ...bbox, height } }), 2),
  'POST /api/alerts snapshotUrl': alert((snapshotUrl, w) => ({ cameraId: w.cameraId, bbox, snapshotUrl }), 'https://worker.example/snap.jpg'),
  'POST /api/alerts meta': alert((meta, w) => ({ cameraId: w.cameraId, bbox, meta }), { score: 0.9 }),
  'POST /api/mediamtx/auth token': hook('token', read, (w) => w.owner.token),
  'POST /api/mediamtx/auth password': hook('password', (w) => ({ ...read(w), token: '' }), (w) => w.owner.token),
  'POST /api/mediamtx/auth query': hook('query', (w) => ({ ...read(w), token: '' }), (w) => `jwt=${w.owner.token}`),
  'POST /api/mediamtx/auth action': hook('action', read, () => 'read'),
  'POST /api/mediamtx/auth path': hook('path', read, (w) => w.cameraId),
  'POST /api/mediamtx/auth user': hook('user', (w) => ({ action: 'publish', path: w.cameraId, password: w.publisherSecret }), () => MEDIAMTX_PUBLISHER),
};

/** Query parameters of the list routes, and the operator spellings of each. */
const QUERY_PARAMS: Array<[string, string]> = [
  ['/api/alerts', 'cameraId'],
  ['/api/alerts', 'from'],
  ['/api/alerts', 'to'],
  ['/api/alerts', 'page'],
  ['/api/alerts', 'limit'],
  ['/api/cameras', 'page'],
  ['/api/cameras', 'limit'],
  ['/api/cameras', 'enabled'],
];
const queryOperators = (p: string): string[] => [
  `${p}[$gt]=`,
  `${p}[$gt]=1`,
  `${p}[$ne]=x`,
  `${p}[$where]=1`,
  `${p}[$regex]=.*`,
  `${p}[$exists]=true`,
  `${p}[$in][]=1`,
  `${p}[]=1&${p}[]=2`,
  `${p}[0]=1`,
  `${p}=1&${p}=2`,
  `${p}.$ne=1`,
  `${encodeURIComponent(`${p}[$gt]`)}=1`,
];

describe.each(['SQLite', 'MongoDB'])('NoSQL operators in any field: %s', (storage) => {
  let w: World;
  let t: TestApp;
  let stored: () => Promise<unknown>;
  let before: unknown;
  /** Strings no answer may carry: passwords, tokens, keys, hashes, the stored camera URL. */
  let secrets: string[];
  beforeAll(async () => {
    t = await startTestApp({
      ...(storage === 'MongoDB' ? { MONGODB_URI: await mongoUri() } : {}),
      // Many alert posts in a row: the rate limit is tested elsewhere.
      ALERT_POST_BURST: '1000000',
      // MediaMTX mode, for its auth hook (nothing listens there).
      MEDIAMTX_URL: 'rtsp://127.0.0.1:1',
      MEDIAMTX_WEBRTC_URL: 'http://127.0.0.1:1',
    });
    const owner = await t.user('operator');
    const viewer = await t.user('viewer');
    const body = cameraBody({ rtspUrl: `rtsp://user:${CAMERA_PASSWORD}@192.0.2.10:554/stream1` });
    const cameraId = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(body).expect(201)).body.id as string;
    await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox, meta: { note: 'stored' } }).expect(201);
    w = { t, cameraId, owner, viewer, publisherSecret: t.app.get<symbol, string>(MEDIAMTX_PUBLISHER_SECRET) };
    const cameras = t.app.get<symbol, CameraRepository>(CAMERA_REPOSITORY);
    const users = t.app.get<symbol, UserRepository>(USER_REPOSITORY);
    const alerts = t.app.get<symbol, AlertRepository>(ALERT_REPOSITORY);
    const byId = <T extends { id?: string; alertId?: string }>(items: T[]) => [...items].sort((a, b) => String(a.id ?? a.alertId).localeCompare(String(b.id ?? b.alertId)));
    stored = async () => ({
      cameras: byId(await cameras.listAll()),
      users: byId(await users.list()),
      alerts: byId((await alerts.list({ offset: 0, limit: 1000 })).items),
    });
    before = await stored();
    const hashes = (await users.list()).map((u) => u.passwordHash);
    const storedUrl = (await cameras.findById(cameraId))?.rtspUrl as string;
    secrets = [CAMERA_PASSWORD, storedUrl, ADMIN.password, password(owner), password(viewer), owner.token, viewer.token, t.adminToken, ALERT_TOKEN, JWT_SECRET, w.publisherSecret, ...hashes];
  });
  afterAll(async () => {
    if (storage === 'MongoDB') await t.app.get<string, Connection>(getConnectionToken()).dropDatabase();
    await t.close();
  });

  /** Status, and whether the body is `{ statusCode, message, errors? }` with nothing secret in it. */
  const outcome = (res: Response) => {
    const body = res.body as Record<string, unknown>;
    const shape =
      typeof body === 'object' && body !== null && body['statusCode'] === res.status && typeof body['message'] === 'string' &&
      Object.keys(body).every((key) => ['statusCode', 'message', 'errors'].includes(key));
    const text = JSON.stringify(body) + res.text;
    return { status: res.status, shape, leaks: secrets.filter((s) => text.includes(s)) };
  };

  it.each(Object.keys(BODY_FIELDS))('%s: refuses every operator and changes nothing', async (field) => {
    const { send, refused = 400 } = BODY_FIELDS[field];
    const got: Array<[string, ReturnType<typeof outcome>]> = [];
    for (const operator of OPERATORS) got.push([JSON.stringify(operator), outcome(await send(w, operator))]);
    expect(got).toEqual(OPERATORS.map((op) => [JSON.stringify(op), { status: refused, shape: true, leaks: [] }]));
    expect(await stored()).toEqual(before);
  });

  it('refuses dotted and $ keys in alert meta, at any depth', async () => {
    for (const meta of [{ $set: 1 }, { 'a.b': 1 }, { a: { $gt: 1 } }, { a: [{ $ne: null }] }, { a: { b: { $where: '1' } } }]) {
      const res = await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: w.cameraId, bbox, meta });
      expect([meta, outcome(res)]).toEqual([meta, { status: 400, shape: true, leaks: [] }]);
    }
    expect(await stored()).toEqual(before);
  });

  it.each(QUERY_PARAMS)('GET %s: refuses operators in ?%s, for a viewer and an admin', async (path, param) => {
    const got: Array<[string, ReturnType<typeof outcome>]> = [];
    for (const query of queryOperators(param)) {
      for (const token of [w.viewer.token, t.adminToken]) got.push([query, outcome(await t.http().get(`${path}?${query}`).set(bearer(token)))]);
    }
    expect(got).toEqual(got.map(([query]) => [query, { status: 400, shape: true, leaks: [] }]));
  });

  it('reads operator-looking strings as plain strings: no match, nobody else’s data', async () => {
    for (const value of ['$ne', '$gt', '.*', '{"$ne":null}', '{"$gt":""}']) {
      const res = await t.http().get('/api/alerts').query({ cameraId: value }).set(bearer(t.adminToken)).expect(200);
      expect(res.body.total).toBe(0);
    }
    const viewerAlerts = await t.http().get('/api/alerts').set(bearer(w.viewer.token)).expect(200);
    expect(viewerAlerts.body.total).toBe(0);
    const viewerCameras = await t.http().get('/api/cameras').set(bearer(w.viewer.token)).expect(200);
    expect(viewerCameras.body.total).toBe(0);
  });

  it.each(['$ne', '$where', '%7B%22%24ne%22%3Anull%7D', '%24gt', '.*', 'a.b'])('answers 404 for the path id %s, for everyone', async (id) => {
    for (const token of [w.viewer.token, w.owner.token, t.adminToken]) {
      await t.http().get(`/api/cameras/${id}`).set(bearer(token)).expect(404);
      await t.http().get(`/api/alerts/${id}`).set(bearer(token)).expect(404);
    }
    await t.http().delete(`/api/cameras/${id}`).set(bearer(t.adminToken)).expect(404);
    await t.http().patch(`/api/users/${id}`).set(bearer(t.adminToken)).send({ role: 'admin' }).expect(404);
    await t.http().delete(`/api/users/${id}`).set(bearer(t.adminToken)).expect(404);
  });

  it('refuses operators in socket subscriptions and reads operator strings as ids', async () => {
    const socket = connectSocket(t.url, { token: w.viewer.token });
    try {
      expect(await handshake(socket)).toBe(true);
      for (const event of ['subscribe', 'unsubscribe']) {
        for (const operator of OPERATORS) expect([event, (await socket.emitWithAck(event, { cameraIds: [operator] })).ok]).toEqual([event, false]);
        expect([event, (await socket.emitWithAck(event, { cameraIds: { $ne: null } })).ok]).toEqual([event, false]);
      }
      expect(await socket.emitWithAck('subscribe', { cameraIds: ['$ne', '.*', '{"$ne":null}'] })).toEqual({ ok: true, cameraIds: [] });
    } finally {
      socket.close();
    }
  });

  it('left everything stored as it was', async () => {
    expect(await stored()).toEqual(before);
  });

  // Last, as these change data: the same requests with ordinary values get through, so each
  // refusal above was the operator's doing and not a fault of the rest of the request.
  it('accepts each of those requests with an ordinary value in the field', async () => {
    const got: Record<string, number> = {};
    for (const [field, { send, valid }] of Object.entries(BODY_FIELDS)) got[field] = (await send(w, valid(w))).status;
    expect(got).toEqual(Object.fromEntries(Object.entries(BODY_FIELDS).map(([field, c]) => [field, c.validStatus])));
  });
});
