import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request, { type Response, type Test } from 'supertest';
import { SnapshotLinks } from '@argus/adapters';
import { SqliteDatabase } from '@argus/adapters/persistence/sqlite';
import { createArgusApp } from '../../src/app.factory';
import { loadConfig, loadSecrets, type ArgusSecrets } from '@argus/config';
import { ADMIN, ALERT_TOKEN, JWT_SECRET, bearer } from '../../src/testing/test-app';
import { connectSocket, eventually, handshake } from '../support/sockets';

const RTSP_PASSWORD = 'Rtsp-Pa55word-Never-Shown';
const OTHER_RTSP_PASSWORD = 'Second-Rtsp-Secret-42';
const USER_PASSWORD = 'operator-password-never-logged';

/**
 * Secrets never leave Argus through its log (every line pino writes is captured here, at trace
 * level), its error answers or its API answers: RTSP passwords, user passwords, JWTs, the JWT
 * secret, ALERT_POST_AUTH_TOKEN, the credential key and snapshot link signatures.
 */
describe('secrets never in logs, errors or answers', () => {
  const log: string[] = [];
  const answers: Array<{ what: string; res: Response }> = [];
  let app: INestApplication;
  let url: string;
  let secrets: ArgusSecrets;
  let dataDir: string;
  let adminToken: string;
  let operatorToken: string;
  let linkSignature = '';

  /** Sends and keeps the answer for the final check. */
  const send = async (req: Test): Promise<Response> => {
    const what = `${req.method} ${new URL(req.url).pathname}`;
    const res = await req;
    answers.push({ what, res });
    return res;
  };
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'argus-leaks-'));
    const config = loadConfig({
      DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'trace', WEB_ROOT: '', JWT_SECRET, ALERT_POST_AUTH_TOKEN: ALERT_TOKEN,
      ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password,
    });
    secrets = loadSecrets(config);
    app = await createArgusApp({ config, secrets, sqliteFile: ':memory:', logStream: { write: (line: string) => void log.push(line) } });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    adminToken = (await send(http().post('/api/auth/login').send(ADMIN))).body.token;
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('goes through logins, cameras, a failing stream, errors, sockets, alerts and snapshot links', async () => {
    await send(http().post('/api/users').set(bearer(adminToken)).send({ username: 'operator1', password: USER_PASSWORD, role: 'operator' }));
    operatorToken = (await send(http().post('/api/auth/login').send({ username: 'operator1', password: USER_PASSWORD }))).body.token;
    await send(http().post('/api/auth/login').send({ username: 'operator1', password: `${USER_PASSWORD}-wrong` }));
    await send(http().post('/api/auth/password').set(bearer(operatorToken)).send({ currentPassword: USER_PASSWORD, newPassword: USER_PASSWORD }));
    // Nothing listens on 127.0.0.1:1: ffmpeg fails and its message (with the URL) reaches the log.
    const rtspUrl = `rtsp://admin:${RTSP_PASSWORD}@127.0.0.1:1/Streaming/101`;
    const camera = (await send(http().post('/api/cameras').set(bearer(operatorToken)).send({ name: 'Gate', location: '', rtspUrl, detectionEnabled: false }))).body;
    expect(camera.rtspUrl).toBe('rtsp://admin:***@127.0.0.1:1/Streaming/101');
    await send(http().post(`/api/cameras/${camera.id}/start`).set(bearer(operatorToken)));
    const failed = await eventually(async () => (await send(http().get(`/api/cameras/${camera.id}`).set(bearer(operatorToken)))).body.status === 'error', 15_000);
    expect(failed).toBe(true);
    expect(answers[answers.length - 1].res.body.error).toEqual(expect.any(String));
    await send(http().post(`/api/cameras/${camera.id}/stop`).set(bearer(operatorToken)));
    // Refused URLs must not be echoed back in the error.
    for (const bad of [`file://u:${OTHER_RTSP_PASSWORD}@x/etc/passwd`, `rtsp://u:${OTHER_RTSP_PASSWORD}@-i/x`, `rtsp://u:${OTHER_RTSP_PASSWORD}@h/x y`]) {
      expect((await send(http().put(`/api/cameras/${camera.id}`).set(bearer(operatorToken)).send({ name: 'Gate', location: '', rtspUrl: bad }))).status).toBe(400);
    }
    // Failing writes with a password in the request: the database refusing writes (an outage, 503)
    // and a server error (a table gone, 500).
    const db = app.get(SqliteDatabase, { strict: false });
    const addCamera = () => send(http().post('/api/cameras').set(bearer(operatorToken)).send({ name: 'X', location: '', rtspUrl: `rtsp://u:${OTHER_RTSP_PASSWORD}@h/x` }));
    db.connection.pragma('query_only = ON');
    const unavailable = await addCamera();
    db.connection.pragma('query_only = OFF');
    expect(unavailable.status).toBe(503);
    db.connection.exec('ALTER TABLE cameras RENAME TO cameras_away');
    const broken = await addCamera();
    db.connection.exec('ALTER TABLE cameras_away RENAME TO cameras');
    expect(broken.status).toBe(500);
    // Tokens in query strings: socket.io `?token=` and a signed snapshot link.
    const socket = connectSocket(url, { query: { token: operatorToken } });
    expect(await handshake(socket)).toBe(true);
    socket.close();
    const link = app.get(SnapshotLinks).urlFor(`${camera.id}/2026-01-01/00000000-0000-0000-0000-000000000000.jpg`, 'someone');
    linkSignature = new URL(link, url).searchParams.get('sig') ?? '';
    await send(http().get(link));
    await send(http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: camera.id, bbox: { x: 1, y: 2, width: 3, height: 4 } }));
    await send(http().post('/api/alerts').set(bearer(`${ALERT_TOKEN}-wrong`)).send({ cameraId: camera.id, bbox: { x: 1, y: 2, width: 3, height: 4 } }));
    await send(http().get('/api/cameras').set(bearer(adminToken)).set('x-request-id', 'trace-me-42'));
    await send(http().get('/api/users').set(bearer(adminToken)).set('x-request-id', 'not a usable id'));
  });

  it('gives every request line an id: the caller’s x-request-id when usable, else a UUID', () => {
    const requests = log.map((line) => JSON.parse(line) as { req?: { id?: unknown; method?: string; url?: string } }).filter((l) => l.req);
    expect(requests.length).toBeGreaterThan(10);
    const ids = requests.map((l) => String(l.req?.id));
    expect(ids.filter((id) => id === 'trace-me-42')).toHaveLength(1);
    expect(ids).not.toContain('not a usable id');
    const users = requests.find((l) => l.req?.method === 'GET' && l.req?.url === '/api/users');
    expect(users?.req?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('wrote a log at trace level that holds none of the secrets', () => {
    const text = log.join('');
    expect(log.length).toBeGreaterThan(20);
    // The server error was logged with its stack, and the request lines with their URLs.
    expect(text).toMatch(/database unavailable: attempt to write a readonly database/);
    expect(text).toMatch(/SqliteError: no such table: cameras/);
    expect(text).toContain('/start');
    for (const secret of secretsToHide()) expect(text.includes(secret) ? secret : null).toBeNull();
    expect(text).toMatch(/\[Redacted\]/);
  });

  it('answered nothing that holds a secret other than the caller’s own new token', () => {
    for (const { what, res } of answers) {
      // A login answer carries the caller's own new token, and that is all it may carry.
      const own = typeof res.body?.token === 'string' ? res.body.token : null;
      const text = (JSON.stringify(res.headers) + (res.text ?? '')).split(own ?? '\u0000').join('');
      for (const secret of secretsToHide()) {
        expect(text.includes(secret) ? `${what} leaks ${secret}` : null).toBeNull();
      }
    }
    expect(answers.some(({ res }) => res.status === 500 && res.body.message === 'Internal server error')).toBe(true);
    expect(answers.some(({ res }) => res.status === 503 && res.headers['retry-after'] === '5')).toBe(true);
  });

  function secretsToHide(): string[] {
    return [
      RTSP_PASSWORD, OTHER_RTSP_PASSWORD, USER_PASSWORD, ADMIN.password, JWT_SECRET, ALERT_TOKEN, secrets.credentialKey,
      adminToken, operatorToken, ...operatorToken.split('.').slice(2), linkSignature,
    ].filter(Boolean);
  }
});
