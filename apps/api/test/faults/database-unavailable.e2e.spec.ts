import { startMongoWireServer, type MongoWireServer } from '@argus/tools/testing/mongo-wire';
import { ADMIN, ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../../src/testing/test-app';

jest.setTimeout(90_000);

// With the database away, requests that need it answer 503 with Retry-After (never 500, never a
// misleading 401 for a good token), and work again once it is back.
describe('REST while MongoDB is unreachable', () => {
  let mongo: MongoWireServer;
  let t: TestApp;

  beforeAll(async () => {
    mongo = await startMongoWireServer();
    t = await startTestApp({ MONGODB_URI: `${mongo.uri}argus-unavailable` });
  });
  afterAll(async () => {
    await mongo?.resume().catch(() => undefined);
    await t?.close();
    await mongo?.stop();
  });

  it('answers 503 with Retry-After during the outage and 2xx after it', async () => {
    const camera = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody()).expect(201)).body.id as string;
    const requests = {
      'GET /api/cameras (valid token)': () => t.http().get('/api/cameras').set(bearer(t.adminToken)),
      'POST /api/alerts': () => t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: camera, bbox: { x: 1, y: 1, width: 9, height: 9 } }),
      'POST /api/auth/login': () => t.http().post('/api/auth/login').send(ADMIN),
    };
    await mongo.suspend();
    const during = await Promise.all(Object.entries(requests).map(async ([name, send]) => [name, await send()] as const));
    for (const [name, res] of during) {
      expect({ name, status: res.status, body: res.body }).toEqual({
        name,
        status: 503,
        body: { statusCode: 503, message: 'The database is unavailable; try again shortly' },
      });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    // A bad token is still a 401, outage or not.
    await t.http().get('/api/cameras').set(bearer('not-a-token')).expect(401);
    await t.http().get('/api/health').expect(200);

    await mongo.resume();
    const after = [200, 201, 200];
    const deadline = Date.now() + 30_000;
    for (;;) {
      const statuses = await Promise.all(Object.values(requests).map(async (send) => (await send()).status));
      if (statuses.every((s, i) => s === after[i])) break;
      if (Date.now() > deadline) throw new Error(`not back after the outage: ${statuses.join(', ')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });
});
