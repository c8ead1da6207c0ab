import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toAnnexB } from '@argus/adapters/media/h264';
import { MAIN_360P_PPS, MAIN_360P_SPS, sliceNal } from '@argus/tools/testing/media/h264-samples';
import { RecordedRtspServer } from '@argus/tools/testing/media/recorded-rtsp-server';
import type { LiveVideoHub } from '@argus/domain';
import { LIVE_VIDEO_HUB } from '../src/live/live-backend';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

/**
 * MediaMTX mode against the recorded MediaMTX RTSP exchange: Argus publishes each running camera,
 * `/live` points browsers at MediaMTX's WHEP, and the auth hook decides what MediaMTX lets through.
 */
describe('live view through MediaMTX', () => {
  let mediamtx: RecordedRtspServer;
  let t: TestApp;
  let hub: LiveVideoHub;
  let owner: { id: string; token: string };
  let stranger: { id: string; token: string };
  let cameraId: string;

  const auth = (body: Record<string, unknown>) =>
    t.http().post('/api/mediamtx/auth').send({ ip: '172.18.0.3', id: null, protocol: 'webrtc', userAgent: 'Chrome', user: '', password: '', token: '', query: '', ...body });

  beforeAll(async () => {
    mediamtx = new RecordedRtspServer();
    const port = await mediamtx.listen();
    t = await startTestApp({ MEDIAMTX_URL: `rtsp://127.0.0.1:${port}`, MEDIAMTX_WEBRTC_URL: 'http://localhost:8889' });
    hub = t.app.get(LIVE_VIDEO_HUB);
    owner = await t.user('operator');
    stranger = await t.user('operator');
    cameraId = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody()).expect(201)).body.id;
  });
  afterAll(async () => {
    hub.cameraStopped(cameraId);
    await t.close();
    await mediamtx.close();
  });

  it('publishes a streaming camera and answers /live with MediaMTX’s WHEP URL', async () => {
    await t.http().get(`/api/cameras/${cameraId}/live`).set(bearer(owner.token)).expect(409);
    hub.cameraStarted(cameraId, { codec: 'h264', width: 640, height: 360, transcoded: false });
    hub.unit(cameraId, { data: toAnnexB([MAIN_360P_SPS, MAIN_360P_PPS, sliceNal(5, 0, 2000, 0x41)]), pts90k: 0, keyframe: true, receivedAt: Date.now() });
    for (let i = 0; i < 50 && (await t.http().get(`/api/cameras/${cameraId}/live`).set(bearer(owner.token))).status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const live = await t.http().get(`/api/cameras/${cameraId}/live`).set(bearer(owner.token)).expect(200);
    expect(live.body).toEqual({ whepUrl: `http://localhost:8889/${cameraId}/whep`, iceServers: [] });
    hub.unit(cameraId, { data: toAnnexB([MAIN_360P_SPS, MAIN_360P_PPS, sliceNal(5, 0, 2000, 0x41)]), pts90k: 6000, keyframe: true, receivedAt: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mediamtx.requests.map((r) => r.method)).toEqual(['OPTIONS', 'ANNOUNCE', 'SETUP', 'RECORD']);
    expect(mediamtx.requests[1].url).toMatch(new RegExp(`/${cameraId}$`));
    expect(mediamtx.units.map((u) => u.timestamp)).toEqual([6000]);
  });

  it('accepts MediaMTX’s publish check with the credentials Argus published with, and only those', async () => {
    const basic = mediamtx.requests[1].headers['authorization'];
    const [user, password] = Buffer.from(basic.replace(/^Basic /, ''), 'base64').toString().split(':');
    expect(user).toBe('argus-publisher');
    expect(password).toBe(readFileSync(join(t.config.dataDir, 'mediamtx-publisher.secret'), 'utf8').trim());
    await auth({ action: 'publish', protocol: 'rtsp', path: cameraId, user, password }).expect(200);
    await auth({ action: 'publish', protocol: 'rtsp', path: cameraId, user, password: password + 'x' }).expect(401);
    await auth({ action: 'publish', protocol: 'rtsp', path: cameraId, user: '', password: '' }).expect(401);
    await auth({ action: 'publish', protocol: 'rtsp', path: 'not-a-camera', user, password }).expect(401);
  });

  it('lets a viewer read a camera they may see, with the JWT as token, password or ?jwt=', async () => {
    await auth({ action: 'read', path: cameraId, token: owner.token }).expect(200);
    await auth({ action: 'read', path: `/${cameraId}`, password: owner.token, protocol: 'rtsp' }).expect(200);
    await auth({ action: 'read', path: cameraId, query: `jwt=${encodeURIComponent(owner.token)}` }).expect(200);
    await auth({ action: 'read', path: cameraId, token: t.adminToken }).expect(200);
  });

  it('refuses readers without a valid token or without access, and every other action', async () => {
    await auth({ action: 'read', path: cameraId }).expect(401);
    await auth({ action: 'read', path: cameraId, token: 'not-a-jwt' }).expect(401);
    await auth({ action: 'read', path: cameraId, token: stranger.token }).expect(401);
    await auth({ action: 'read', path: 'no-such-camera', token: owner.token }).expect(401);
    for (const action of ['playback', 'api', 'metrics', 'pprof']) await auth({ action, path: cameraId, token: t.adminToken }).expect(401);
    // Not JSON: refused for its media type (MediaMTX denies on any answer but 2xx).
    await t.http().post('/api/mediamtx/auth').send('garbage').set('Content-Type', 'text/plain').expect(415);
    await t.http().post('/api/mediamtx/auth').send('garbage').set('Content-Type', 'application/json').expect(400);
  });

  it('has no embedded WHEP endpoint in this mode', async () => {
    await t.http().post(`/api/cameras/${cameraId}/whep`).set(bearer(owner.token)).set('Content-Type', 'application/sdp').send('v=0\r\n').expect(404);
  });
});
