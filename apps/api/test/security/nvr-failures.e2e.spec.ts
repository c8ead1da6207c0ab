import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { SnapshotLinks } from '@argus/adapters';
import { capabilitiesOf, feedArgs } from '@argus/adapters/media/ffmpeg';
import { ValidationError } from '@argus/domain';
import { ALERT_TOKEN, JWT_SECRET, bearer, cameraBody, startTestApp, type TestApp } from '../../src/testing/test-app';
import { handshake } from '../support/sockets';
import { buildAccessWorld, type AccessWorld } from './support/access-world';

/** Camera addresses that would make ffmpeg read a file, run a chain, take an option or reach a shell. */
const HOSTILE_URLS = [
  'file:///etc/passwd',
  'concat:rtsp://a/1|file:///etc/passwd',
  'subfile,,start,0,end,100,,:/etc/passwd',
  'pipe:0',
  '-i',
  '-i rtsp://cam/x',
  'rtsp://cam/stream -i file:///etc/passwd',
  'rtsp://cam/stream\n-i /etc/passwd',
  'rtsp://cam/stream\r\nfile:///etc/passwd',
  'rtsp://cam/x|cat /etc/passwd',
  'rtsp://cam/$(reboot)',
  'rtsp://cam/`id`',
  'rtsp://-iexploit/stream',
  'http://cam/stream.mjpeg',
];

describe('NVR failure classes', () => {
  let w: AccessWorld;
  beforeAll(async () => {
    w = await buildAccessWorld();
  });
  afterAll(() => w?.t.close());

  const http = () => w.t.http();
  const links = () => w.t.app.get(SnapshotLinks);
  const query = (link: string) => new URL(link, 'http://x').searchParams;

  describe('snapshot fetched without access to its camera', () => {
    it('refuses a link whose user id was changed to someone who may see the camera', async () => {
      const mine = query(links().urlFor(w.snapshotKey, w.callers.unlistedViewer.id));
      await http().get(`/api/snapshots/${w.snapshotKey}?u=${w.callers.unlistedViewer.id}&exp=${mine.get('exp')}&sig=${mine.get('sig')}`).expect(404);
      await http().get(`/api/snapshots/${w.snapshotKey}?u=${w.callers.admin.id}&exp=${mine.get('exp')}&sig=${mine.get('sig')}`).expect(404);
    });

    it('refuses an expired link, and one whose expiry was pushed back', async () => {
      const old = links().urlFor(w.snapshotKey, w.callers.owner.id, Date.now() - 7 * 3600_000);
      await http().get(old).expect(404);
      await http().get(old.replace(/exp=\d+/, `exp=${Math.floor(Date.now() / 1000) + 3600}`)).expect(404);
    });

    it('refuses a link signed for another snapshot or camera', async () => {
      const other = await w.freshCamera();
      const otherKey = w.snapshotKey.replace(w.cameraId, other);
      const sig = query(links().urlFor(w.snapshotKey, w.callers.owner.id));
      await http().get(`/api/snapshots/${otherKey}?u=${w.callers.owner.id}&exp=${sig.get('exp')}&sig=${sig.get('sig')}`).expect(404);
    });

    it('stops a viewer’s link working as soon as the viewer is taken off the list', async () => {
      const link = links().urlFor(w.snapshotKey, w.callers.listedViewer.id);
      await http().get(link).expect(200);
      const owner = bearer(w.callers.owner.token as string);
      await http().put(`/api/cameras/${w.cameraId}/viewers`).set(owner).send({ userIds: [] }).expect(200);
      await http().get(link).expect(404);
      await http().put(`/api/cameras/${w.cameraId}/viewers`).set(owner).send({ userIds: [w.callers.listedViewer.id] }).expect(200);
      await http().get(link).expect(200);
    });

    it('refuses a link forged with another secret, or missing its parts', async () => {
      const exp = Math.floor(Date.now() / 1000) + 3600;
      const forged = createHmac('sha256', 'guessed').update(`${w.snapshotKey}\n${w.callers.owner.id}\n${exp}`).digest('base64url');
      await http().get(`/api/snapshots/${w.snapshotKey}?u=${w.callers.owner.id}&exp=${exp}&sig=${forged}`).expect(404);
      await http().get(`/api/snapshots/${w.snapshotKey}?u=${w.callers.owner.id}&exp=${exp}`).expect(404);
      await http().get(`/api/snapshots/${w.snapshotKey}?u[$ne]=x&exp=${exp}&sig=${forged}`).expect(404);
    });
  });

  describe('a camera URL that would make ffmpeg read a file or run a program', () => {
    it.each(HOSTILE_URLS)('refuses %j when creating or changing a camera, and the feed never gets it', async (rtspUrl) => {
      await http().post('/api/cameras').set(bearer(w.callers.owner.token as string)).send(cameraBody({ rtspUrl })).expect(400);
      await http().put(`/api/cameras/${w.cameraId}`).set(bearer(w.callers.owner.token as string)).send(cameraBody({ rtspUrl })).expect(400);
      expect(() => feedArgs({ cameraId: 'c', url: rtspUrl, transport: 'tcp' }, capabilitiesOf({ major: 59, minor: 27 }), { transcode: false, ioTimeoutMs: 1000 })).toThrow(
        ValidationError,
      );
    });
  });

  describe('path traversal in the snapshot route', () => {
    const secretsText = () => readFileSync(join(w.t.config.dataDir, 'secrets.json'), 'utf8');
    it.each([
      '/api/snapshots/..%2F..%2Fsecrets.json',
      '/api/snapshots/%2e%2e/%2e%2e/secrets.json',
      '/api/snapshots/..%252F..%252Fsecrets.json',
      '/api/snapshots/cam/..%2F..%2F..%2Fsecrets.json/x.jpg',
      '/api/snapshots/..%5C..%5Csecrets.json/2026-01-01/00000000-0000-0000-0000-000000000000.jpg',
      '/api/snapshots/..%2F..%2Fsecrets.json%00/2026-01-01/00000000-0000-0000-0000-000000000000.jpg',
      '/api/snapshots/CAMERA/..%2F..%2F..%2F/00000000-0000-0000-0000-000000000000.jpg',
      '/api/snapshots/CAMERA/2026-01-01/..%2F..%2F..%2Fsecrets.json',
    ])('%s never reads outside the snapshot store', async (path) => {
      const signed = query(links().urlFor(w.snapshotKey, w.callers.owner.id));
      const res = await http().get(`${path.replace('CAMERA', w.cameraId)}?u=${w.callers.owner.id}&exp=${signed.get('exp')}&sig=${signed.get('sig')}`);
      expect([400, 404]).toContain(res.status);
      expect(res.text).not.toContain(JSON.parse(secretsText()).jwtSecret ?? JWT_SECRET);
      expect(res.text).not.toContain('credentialKey');
    });
  });
});

describe('path traversal in the static console and Swagger UI', () => {
  let root: string;
  let t: TestApp;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'argus-static-'));
    mkdirSync(join(root, 'web', 'assets'), { recursive: true });
    writeFileSync(join(root, 'web', 'index.html'), '<!doctype html><title>Argus console</title>');
    writeFileSync(join(root, 'web', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'outside.txt'), 'OUTSIDE-THE-WEB-ROOT');
    t = await startTestApp({ WEB_ROOT: join(root, 'web'), DATA_DIR: join(root, 'data') });
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the console and its deep links', async () => {
    expect((await t.http().get('/').expect(200)).text).toContain('Argus console');
    expect((await t.http().get('/cameras/abc').expect(200)).text).toContain('Argus console');
    await t.http().get('/assets/app.js').expect(200);
  });

  it.each([
    '/..%2Foutside.txt',
    '/%2e%2e/outside.txt',
    '/%2e%2e%2foutside.txt',
    '/assets/..%2F..%2Foutside.txt',
    '/assets/%2e%2e/%2e%2e/outside.txt',
    '/..%5Coutside.txt',
    '/..%255Coutside.txt',
    '/%2e%2e%2f%2e%2e%2fdata%2fsecrets.json',
    '/..%2Fdata%2Fsecrets.json',
    '/assets/..%2F..%2Fdata%2Fsecrets.json',
    '//etc/passwd',
    '/%2Fetc%2Fpasswd',
    '/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/api/docs/..%2F..%2F..%2Fpackage.json',
    '/api/docs/%2e%2e/%2e%2e/%2e%2e/package.json',
  ])('%s gives nothing from outside', async (path) => {
    const res = await t.http().get(path);
    const secret = JSON.parse(readFileSync(join(root, 'data', 'secrets.json'), 'utf8')).credentialKey as string;
    expect(res.status).toBeLessThan(500);
    for (const marker of ['OUTSIDE-THE-WEB-ROOT', secret, 'root:x:0:0', '"name": "argus']) expect(res.text).not.toContain(marker);
  });
});

describe('JWTs beyond the basics in auth.e2e (alg none, expiry, wrong secret are there)', () => {
  let t: TestApp;
  let viewer: { id: string; token: string };
  let adminId: string;
  beforeAll(async () => {
    t = await startTestApp();
    viewer = await t.user('viewer');
    adminId = (await t.http().get('/api/auth/me').set(bearer(t.adminToken))).body.id;
  });
  afterAll(() => t.close());

  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const sign = (header: object, payload: object, secret: string, hash = 'sha256') => {
    const head = `${b64(header)}.${b64(payload)}`;
    return `${head}.${createHmac(hash, secret).update(head).digest('base64url')}`;
  };
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (sub: string) => ({ sub, username: 'x', role: 'admin', iat: now(), exp: now() + 3600 });

  it.each([
    ['alg None', () => `${b64({ alg: 'None', typ: 'JWT' })}.${b64(claims(adminId))}.`],
    ['alg NONE with a signature', () => `${b64({ alg: 'NONE' })}.${b64(claims(adminId))}.${'A'.repeat(43)}`],
    ['HS512 with the right secret', () => sign({ alg: 'HS512', typ: 'JWT' }, claims(adminId), JWT_SECRET, 'sha512')],
    ['RS256 header, HMAC signature (key confusion)', () => sign({ alg: 'RS256', typ: 'JWT' }, claims(adminId), JWT_SECRET)],
    ['signed with ALERT_POST_AUTH_TOKEN', () => sign({ alg: 'HS256', typ: 'JWT' }, claims(adminId), ALERT_TOKEN)],
    ['a viewer’s token with its subject changed to the admin', () => {
      const [head, , sig] = viewer.token.split('.');
      return `${head}.${b64({ ...JSON.parse(Buffer.from(viewer.token.split('.')[1], 'base64url').toString()), sub: adminId })}.${sig}`;
    }],
    ['a valid signature for a user that does not exist', () => sign({ alg: 'HS256', typ: 'JWT' }, claims('no-such-user'), JWT_SECRET)],
    ['not valid yet (nbf)', () => sign({ alg: 'HS256', typ: 'JWT' }, { ...claims(adminId), nbf: now() + 3600 }, JWT_SECRET)],
    ['a viewer’s token with a byte added to its signature', () => `${viewer.token}A`],
  ])('refuses %s on REST and on the socket handshake', async (_what, token) => {
    await t.http().get('/api/users').set('Authorization', `Bearer ${token()}`).expect(401);
    const socket = io(t.url, { path: '/ws', transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: token() } });
    try {
      expect(await handshake(socket)).toBe(false);
    } finally {
      socket.close();
    }
  });

  it('takes the role from the user record, not from the token’s claims', async () => {
    const escalated = sign({ alg: 'HS256', typ: 'JWT' }, { ...claims(viewer.id), role: 'admin' }, JWT_SECRET);
    await t.http().get('/api/auth/me').set(bearer(escalated)).expect(200);
    await t.http().get('/api/users').set(bearer(escalated)).expect(403);
  });
});
