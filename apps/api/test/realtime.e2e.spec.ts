import type { Socket } from 'socket.io-client';
import { ALERT_TOKEN, JWT_SECRET, bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { connectSocket } from './support/sockets';
import { signHs256, unsignedJwt } from './support/tokens';

const bbox = { x: 1, y: 2, width: 30, height: 40 };

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

function refused(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connection was accepted')));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

/** Collects events of one kind until `count` arrived or the wait ends. */
function collect<T>(socket: Socket, event: string, count: number, waitMs = 2000): Promise<T[]> {
  const got: T[] = [];
  return new Promise((resolve) => {
    const done = () => {
      socket.off(event, on);
      resolve(got);
    };
    const on = (payload: T) => {
      got.push(payload);
      if (got.length >= count) done();
    };
    socket.on(event, on);
    setTimeout(done, waitMs);
  });
}

describe('realtime (socket.io at /ws)', () => {
  let t: TestApp;
  const sockets: Socket[] = [];
  const open = async (token: string, viaQuery = false) => {
    const s = connectSocket(t.url, viaQuery ? { query: { token } } : { token });
    sockets.push(s);
    await connected(s);
    return s;
  };
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('refuses connections without a token or with a bad one', async () => {
    for (const token of [undefined, 'garbage', ALERT_TOKEN]) {
      const s = connectSocket(t.url, { token });
      sockets.push(s);
      expect(await refused(s)).toBe('unauthorized');
    }
  });

  it('refuses expired, unsigned, never-expiring and wrongly signed user tokens', async () => {
    const me = (await t.http().get('/api/auth/me').set(bearer(t.adminToken)).expect(200)).body as { id: string };
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: me.id, username: 'admin', role: 'admin', iat: now };
    const tokens = [
      signHs256({ ...claims, exp: now - 10 }, JWT_SECRET),
      unsignedJwt({ ...claims, exp: now + 3600 }),
      signHs256(claims, JWT_SECRET),
      signHs256({ ...claims, exp: now + 3600 }, 'not-the-secret'),
    ];
    for (const token of tokens) {
      const s = connectSocket(t.url, { token });
      sockets.push(s);
      expect(await refused(s)).toBe('unauthorized');
    }
  });

  it('closes a connection when its token expires', async () => {
    const me = (await t.http().get('/api/auth/me').set(bearer(t.adminToken)).expect(200)).body as { id: string };
    const now = Math.floor(Date.now() / 1000);
    const shortLived = signHs256({ sub: me.id, username: 'admin', role: 'admin', iat: now, exp: now + 2 }, JWT_SECRET);
    const s = await open(shortLived);
    const reason = await new Promise<string>((resolve) => s.once('disconnect', resolve));
    expect(reason).toBe('io server disconnect');
    expect(Date.now()).toBeGreaterThanOrEqual((now + 2) * 1000);
  });

  it('accepts the token in auth or in the query string', async () => {
    const a = await open(t.adminToken);
    const b = await open(t.adminToken, true);
    expect(a.connected && b.connected).toBe(true);
  });

  it('delivers an alert only to users who may see its camera', async () => {
    const owner = await t.user('operator');
    const other = await t.user('operator');
    const viewer = await t.user('viewer');
    const cam = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody())).body.id;
    await t.http().put(`/api/cameras/${cam}/viewers`).set(bearer(owner.token)).send({ userIds: [viewer.id] }).expect(200);
    const [sOwner, sOther, sViewer, sAdmin] = await Promise.all([owner, other, viewer].map((u) => open(u.token)).concat(open(t.adminToken)));
    const waits = [sOwner, sOther, sViewer, sAdmin].map((s) => collect<{ cameraId: string; alertId: string }>(s, 'alert', 1, 1500));
    const posted = await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: cam, bbox }).expect(201);
    const [gotOwner, gotOther, gotViewer, gotAdmin] = await Promise.all(waits);
    expect(gotOwner).toEqual([posted.body]);
    expect(gotViewer).toEqual([posted.body]);
    expect(gotAdmin).toEqual([posted.body]);
    expect(gotOther).toEqual([]);
  });

  it('publishes camera_state on changes to those who may see the camera', async () => {
    const owner = await t.user('operator');
    const other = await t.user('operator');
    const cam = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody())).body.id;
    const [sOwner, sOther] = await Promise.all([open(owner.token), open(other.token)]);
    const waits = [collect<Record<string, unknown>>(sOwner, 'camera_state', 1), collect(sOther, 'camera_state', 1, 1000)];
    await t.http().patch(`/api/cameras/${cam}/fps`).set(bearer(owner.token)).send({ fps: 7 }).expect(200);
    const [mine, theirs] = await Promise.all(waits);
    expect(mine).toEqual([{ cameraId: cam, status: 'stopped', fps: 0, timestamp: expect.any(String) }]);
    expect(theirs).toEqual([]);
  });

  it('subscribes to detections only for visible cameras', async () => {
    const owner = await t.user('operator');
    const other = await t.user('operator');
    const mine = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody())).body.id;
    const theirs = (await t.http().post('/api/cameras').set(bearer(other.token)).send(cameraBody())).body.id;
    const s = await open(owner.token);
    const ack = await s.emitWithAck('subscribe', { cameraIds: [mine, theirs, 'missing'] });
    expect(ack).toEqual({ ok: true, cameraIds: [mine] });
    const bad = await s.emitWithAck('subscribe', { cameraIds: 'all' });
    expect(bad.ok).toBe(false);
  });

  it('disconnects a user whose role changes', async () => {
    const u = await t.user('operator');
    const s = await open(u.token);
    const gone = new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));
    await t.http().patch(`/api/users/${u.id}`).set(bearer(t.adminToken)).send({ role: 'viewer' }).expect(200);
    expect(await gone).toBe('io server disconnect');
  });
});
