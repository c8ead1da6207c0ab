import { WhepTestClient } from '@argus/tools/testing/media/whep-test-client';
import type { LiveVideoHub } from '@argus/domain';
import { LIVE_VIDEO_HUB } from '../src/live/live-backend';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { stream } from './support/live-stream';

describe('live view (embedded WHEP gateway)', () => {
  let t: TestApp;
  let hub: LiveVideoHub;
  let owner: { id: string; token: string };
  let stranger: { id: string; token: string };
  let cameraId: string;
  const clients: WhepTestClient[] = [];

  const sdp = (token: string | null, body: string, type = 'application/sdp') => {
    const req = t.http().post(`/api/cameras/${cameraId}/whep`).set('Content-Type', type);
    return (token ? req.set(bearer(token)) : req).send(body);
  };
  const offer = async () => {
    const client = new WhepTestClient();
    clients.push(client);
    return { client, sdp: await client.offer() };
  };

  beforeAll(async () => {
    t = await startTestApp();
    hub = t.app.get(LIVE_VIDEO_HUB);
    owner = await t.user('operator');
    stranger = await t.user('operator');
    cameraId = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody()).expect(201)).body.id;
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    hub.cameraStopped(cameraId);
  });
  afterAll(() => t.close());

  it('GET /live: 409 while the camera is not streaming, then the WHEP URL and ICE servers', async () => {
    const idle = await t.http().get(`/api/cameras/${cameraId}/live`).set(bearer(owner.token)).expect(409);
    expect(idle.body.message).toMatch(/not streaming/);
    stream(hub, cameraId);
    const live = await t.http().get(`/api/cameras/${cameraId}/live`).set(bearer(owner.token)).expect(200);
    expect(live.body).toEqual({ whepUrl: `/api/cameras/${cameraId}/whep`, iceServers: [] });
  });

  it('GET /live: 404 for a camera the caller may not see, 401 without a token', async () => {
    stream(hub, cameraId);
    await t.http().get(`/api/cameras/${cameraId}/live`).set(bearer(stranger.token)).expect(404);
    await t.http().get('/api/cameras/no-such-camera/live').set(bearer(owner.token)).expect(404);
    await t.http().get(`/api/cameras/${cameraId}/live`).expect(401);
  });

  it('WHEP: 201 with an SDP answer and a Location to DELETE; the viewer receives the stream', async () => {
    stream(hub, cameraId);
    const { client, sdp: body } = await offer();
    const res = await sdp(owner.token, body).expect(201);
    expect(res.headers['content-type']).toMatch(/^application\/sdp/);
    expect(res.headers['location']).toMatch(new RegExp(`^/api/cameras/${cameraId}/whep/[0-9a-f-]{36}$`));
    expect(res.text).toMatch(/^v=0\r\n/);
    await client.accept(res.text);
    const [first] = await client.waitForUnits(3);
    expect(first.keyframe).toBe(true);
    await t.http().delete(res.headers['location']).set(bearer(stranger.token)).expect(404);
    await t.http().delete(res.headers['location']).set(bearer(owner.token)).expect(204);
    await t.http().delete(res.headers['location']).set(bearer(owner.token)).expect(404);
  });

  it('WHEP: refused without a token (401) and for another user’s camera (404)', async () => {
    stream(hub, cameraId);
    const { sdp: body } = await offer();
    await sdp(null, body).expect(401);
    await sdp('not-a-jwt', body).expect(401);
    await sdp(stranger.token, body).expect(404);
  });

  it('WHEP: 409 when not streaming, 415 without application/sdp, 400 for an unusable offer, 413 when huge', async () => {
    const { sdp: body } = await offer();
    await sdp(owner.token, body).expect(409);
    stream(hub, cameraId);
    await sdp(owner.token, body, 'text/plain').expect(415);
    await t.http().post(`/api/cameras/${cameraId}/whep`).set(bearer(owner.token)).send({ sdp: body }).expect(415);
    const noH264 = await sdp(owner.token, body.replace(/H264/g, 'VP8')).expect(400);
    expect(noH264.body.message).toMatch(/H\.264/);
    await sdp(owner.token, 'v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\n').expect(400);
    await sdp(owner.token, body + 'a=x-padding:'.padEnd(70_000, 'x') + '\r\n').expect(413);
  });

  it('ends the sessions of a camera that stops', async () => {
    stream(hub, cameraId);
    const { client, sdp: body } = await offer();
    const res = await sdp(owner.token, body).expect(201);
    await client.accept(res.text);
    hub.cameraStopped(cameraId);
    await new Promise((resolve) => setImmediate(resolve));
    await t.http().delete(res.headers['location']).set(bearer(owner.token)).expect(404);
  });
});
