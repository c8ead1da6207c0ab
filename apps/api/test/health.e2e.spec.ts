import { startMongoWireServer, type MongoWireServer } from '@argus/tools/testing/mongo-wire';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

jest.setTimeout(60_000);

describe('health and readiness (embedded database)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('answers liveness with the readiness view, without auth', async () => {
    await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody()).expect(201);
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      ready: true,
      shuttingDown: false,
      database: { kind: 'sqlite', up: true },
      // The pool starts with the first camera that runs, not with the API.
      detection: { state: 'not started', threads: null, queueSize: null },
      cameras: { total: 1, byStatus: { stopped: 1, running: 0, starting: 0, error: 0 }, active: 0 },
      socketClients: 0,
    });
    expect(res.body.uptimeSeconds).toEqual(expect.any(Number));
  });

  it('answers 200 on /api/health/ready while the database is reachable', async () => {
    const res = await t.http().get('/api/health/ready').expect(200);
    expect(res.body.ready).toBe(true);
  });
});

describe('readiness when MongoDB goes away', () => {
  let mongo: MongoWireServer;
  let t: TestApp;

  beforeAll(async () => {
    mongo = await startMongoWireServer();
    t = await startTestApp({ MONGODB_URI: `${mongo.uri}argus-health` });
  });
  afterAll(async () => {
    await t?.close();
    await mongo?.stop();
  });

  it('is ready with the database, 503 without it (liveness stays 200), ready again when it returns', async () => {
    expect((await t.http().get('/api/health/ready').expect(200)).body.database).toEqual({ kind: 'mongodb', up: true });
    const port = mongo.port;
    await mongo.stop();
    const down = await t.http().get('/api/health/ready').expect(503);
    expect(down.body).toMatchObject({ status: 'ok', ready: false, database: { kind: 'mongodb', up: false }, cameras: { total: null, byStatus: null } });
    // The same words as the start-up wait: which database, where, and why.
    expect(down.body.database.detail).toMatch(new RegExp(`^waiting for MongoDB at 127\\.0\\.0\\.1:${port}: \\S`));
    await t.http().get('/api/health').expect(200);
    mongo = await startMongoWireServer({ port });
    const deadline = Date.now() + 30_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = (await t.http().get('/api/health/ready')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(200);
  });
});
