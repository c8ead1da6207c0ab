import type { LiveVideoHub } from '@argus/domain';
import { LIVE_VIDEO_HUB } from '../src/live/live-backend';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { stream } from './support/live-stream';

const ICE_SERVERS = [{ urls: 'stun:stun.example.org:3478' }, { urls: ['turn:turn.example.org:3478'], username: 'u', credential: 'p' }];

// A file of its own: werift would wait up to 5 s for these servers when answering an offer.
describe('live view with ICE_SERVERS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ICE_SERVERS: JSON.stringify(ICE_SERVERS) });
  });
  afterAll(() => t.close());

  it('hands the configured STUN/TURN servers to viewers', async () => {
    const id = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody()).expect(201)).body.id;
    stream(t.app.get<LiveVideoHub>(LIVE_VIDEO_HUB), id);
    const live = await t.http().get(`/api/cameras/${id}/live`).set(bearer(t.adminToken)).expect(200);
    expect(live.body.iceServers).toEqual(ICE_SERVERS);
  });
});
