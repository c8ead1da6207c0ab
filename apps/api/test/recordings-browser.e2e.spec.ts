import { launchChromium, type ChromiumSession } from '@argus/tools/testing/chromium';
import { Recordings } from '../src/recordings/recordings';
import { ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { cameraUnits, feedRecorder, RECORDING_CAP } from './support/recording-feed';

// What a console does with recordings: a <video> on the export route (token in the query) and on
// an alert's clipUrl, in headless Chromium, from Argus's own origin.
jest.setTimeout(120_000);

/** Runs in the page: a muted <video> on `url`, played a second, then sought to its middle (a Range request). */
const PLAY = `async (url) => {
  const video = document.createElement('video');
  video.muted = true;
  video.src = url;
  document.body.appendChild(video);
  const event = (name, ms) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ' + name + ' in ' + ms + ' ms')), ms);
    video.addEventListener(name, () => { clearTimeout(timer); resolve(); }, { once: true });
    video.addEventListener('error', () => { clearTimeout(timer); reject(new Error('media error ' + video.error?.code + ': ' + video.error?.message)); }, { once: true });
  });
  try {
    await event('loadedmetadata', 15000);
    await video.play();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const playedTo = video.currentTime;
    video.pause();
    video.currentTime = video.duration / 2;
    await event('seeked', 10000);
    return { width: video.videoWidth, height: video.videoHeight, duration: video.duration, playedTo, seekedTo: video.currentTime };
  } catch (error) {
    return { error: String(error), width: video.videoWidth, height: video.videoHeight, duration: video.duration, playedTo: 0, seekedTo: 0 };
  }
}`;

interface Played {
  error?: string;
  width: number;
  height: number;
  duration: number;
  playedTo: number;
  seekedTo: number;
}

describe('recordings in a browser <video>', () => {
  let t: TestApp;
  let browser: ChromiumSession;
  let owner: { id: string; token: string };
  let cameraId: string;
  let clipUrl: string;
  const T = Date.now() - 120_000;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(RECORDING_CAP), launchChromium({ profilePrefix: 'argus-recordings-', viewport: { width: 800, height: 600 } })]);
    owner = await t.user('operator');
    cameraId = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody()).expect(201)).body.id;
    await t.http().patch(`/api/cameras/${cameraId}/recording`).set(bearer(owner.token)).send({ mode: 'continuous', preSeconds: 2, postSeconds: 3 }).expect(200);
    const units = await cameraUnits(20, T);
    await feedRecorder(t, cameraId, units.slice(0, 90), { keepOpen: true });
    const alert = await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox: { x: 1, y: 2, width: 3, height: 4 }, timestamp: new Date(T + 5000).toISOString() }).expect(201);
    await feedRecorder(t, cameraId, units.slice(90), { started: true });
    await t.app.get(Recordings).settled();
    clipUrl = (await t.http().get(`/api/alerts/${alert.body.alertId}`).set(bearer(owner.token)).expect(200)).body.clipUrl;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Loads `src` in a <video> on a page of Argus's origin (PLAY). */
  async function play(src: string): Promise<Played> {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${t.url}/api/health`);
      return (await page.evaluate(`(${PLAY})(${JSON.stringify(src)})`)) as Played;
    } finally {
      await page.close();
    }
  }

  it('plays and seeks the export of a span, the token in its URL', async () => {
    const from = new Date(T + 1000).toISOString();
    const to = new Date(T + 19_000).toISOString();
    const played = await play(`/api/cameras/${cameraId}/recordings/video?from=${from}&to=${to}&token=${encodeURIComponent(owner.token)}`);
    expect(played).toMatchObject({ width: 320, height: 240 });
    expect(played.error).toBeUndefined();
    expect(played.duration).toBeCloseTo(18, 0);
    expect(played.playedTo).toBeGreaterThan(0.5);
    expect(played.seekedTo).toBeCloseTo(9, 0);
  });

  it('plays and seeks an alert’s clip through its signed link', async () => {
    const played = await play(clipUrl);
    expect(played.error).toBeUndefined();
    expect(played).toMatchObject({ width: 320, height: 240 });
    expect(played.duration).toBeCloseTo(5.07, 0); // the keyframe at 3 s (2 s before the alert) to 8 s
    expect(played.playedTo).toBeGreaterThan(0.5);
  });
});
