import { WhepGateway } from '@argus/adapters/media/webrtc';
import { launchChromium, type ChromiumSession } from '@argus/tools/testing/chromium';
import { bearer, startTestApp, type TestApp } from '../src/testing/test-app';
import { startSimulatorProcess, type SimulatorProcess } from './support/camera-simulator-process';
import { openLivePage, type LivePage } from './support/live-test-page';

jest.setTimeout(120_000);

/** The live-view harness page is served by the browser itself (see live-test-page). */
const CHROMIUM = { profilePrefix: 'argus-chromium-', harnessPage: true, viewport: { width: 800, height: 600 } };

async function waitFor<T>(what: string, probe: () => Promise<T | null | false>, timeoutMs: number, context?: () => Promise<unknown>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${context ? `: ${JSON.stringify(await context())}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * A real Chromium plays a simulated camera through the embedded WHEP gateway of a running Argus
 * (ffmpeg pull, detection, socket.io), with the console's live-view code.
 */
describe('live view in Chromium', () => {
  let sim: SimulatorProcess;
  let t: TestApp;
  let browser: ChromiumSession;
  let live: LivePage;
  let owner: { id: string; token: string };
  let stranger: { id: string; token: string };
  let cameraId: string;

  beforeAll(async () => {
    [sim, t, browser] = await Promise.all([startSimulatorProcess(['faces']), startTestApp({ DETECTION_THREADS: '1' }), launchChromium(CHROMIUM)]);
    owner = await t.user('operator');
    stranger = await t.user('operator');
    const camera = { name: 'Sim faces', location: 'Lab', rtspUrl: sim.urls[0], fps: 5 };
    cameraId = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(camera).expect(201)).body.id;
    await t.http().post(`/api/cameras/${cameraId}/start`).set(bearer(owner.token)).expect(202);
    const streaming = async () => (await t.http().get(`/api/cameras/${cameraId}/live`).set(bearer(owner.token))).status === 200;
    await waitFor('the camera to stream', streaming, 60_000);
    live = await openLivePage(await browser.context.newPage(), t.url);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sim?.stop();
  });

  it('plays the camera: frames decode and time advances', async () => {
    await live.start(cameraId, owner.token, 'Sim faces');
    const first = await waitFor('a decoded frame', async () => ((await live.video()).width > 0 ? live.video() : null), 15_000);
    expect([first.width, first.height]).toEqual([640, 360]);
    await waitFor('time to advance', async () => (await live.video()).currentTime > first.currentTime + 1, 10_000);
    const s = await live.state();
    expect(s.sawRtpTimestamp).toBe(true);
    expect(s.states).toContain('playing');
    process.stdout.write(`live view: first frame ${Math.round(s.firstFrameMs ?? -1)} ms after play()\n`);
  });

  it('draws the boxes of a picture on that picture, on the face', async () => {
    const faces = await waitFor('a box drawn on its own picture', async () => {
      const s = await live.state();
      return s.faces.length >= 3 ? s.faces : null;
    }, 45_000, () => live.state());
    // Centred in the picture (a face leaving it may have a box that sticks out), face-sized for the
    // 640×360 clip, and on skin rather than the clip's blue backdrop (#2a4d69): red outweighs blue
    // in the middle of the box.
    const misplaced = faces.filter(({ box, frame, mean }) => {
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      const inside = cx >= 0 && cy >= 0 && cx <= frame[0] && cy <= frame[1];
      return !(inside && box.width > 20 && box.width < 200 && mean[0] > mean[2]);
    });
    expect(misplaced).toEqual([]);
  });

  it('refuses WHEP without a token and for a camera of another user', async () => {
    expect(await live.tryWhep(cameraId, null)).toBe(401);
    expect(await live.tryWhep(cameraId, stranger.token)).toBe(404);
  });

  it('ends the WHEP session when the player stops', async () => {
    const gateway = t.app.get(WhepGateway);
    expect(gateway.stats().viewers).toBe(1);
    await live.stop();
    await waitFor('the session to end', async () => gateway.stats().viewers === 0, 5000);
  });
});
