import type { Page } from 'playwright-core';
import { FRAME_COUNTER_LAYOUT } from '../../camera-sim';
import { launchChromium } from '../../testing/chromium';
import { bundleLiveHarness } from '../../testing/live-harness';

/**
 * One viewer: the console's WhepPlayer in a bare page. Each shown picture's burned-in frame counter
 * is read back (the simulator clip's bottom-left blocks) and reported with its expected display time.
 */
const HARNESS = `
import { WhepPlayer } from './whep-player';

const L = ${JSON.stringify(FRAME_COUNTER_LAYOUT)};
let player = null;
const canvas = document.createElement('canvas');
const ctx = canvas.getContext('2d', { willReadFrequently: true });

function counter(video) {
  const sx = video.videoWidth / L.width, sy = video.videoHeight / L.height;
  const w = Math.ceil(L.cell * (L.bits + 2) * sx), h = Math.ceil(L.cell * sy);
  canvas.width = w; canvas.height = h;
  ctx.drawImage(video, L.left * sx, L.top * sy, w, h, 0, 0, w, h);
  const px = ctx.getImageData(0, 0, w, h).data;
  const sample = (i) => { const x = Math.floor((L.cell * i + L.cell / 2) * sx), y = Math.floor(h / 2); const o = (y * w + x) * 4; return (px[o] + px[o + 1] + px[o + 2]) / 3; };
  if (!(sample(0) > 160 && sample(1) < 96)) return null;
  let n = 0;
  for (let bit = 0; bit < L.bits; bit++) if (sample(bit + 2) > 128) n += 2 ** bit;
  return n;
}

async function play(cameraId, token, reportFrames) {
  const video = document.querySelector('video');
  player = new WhepPlayer(video, { token: () => token });
  const t0 = performance.now();
  let first = null;
  const onFrame = (_now, meta) => {
    if (first === null) first = performance.now() - t0;
    if (reportFrames) {
      const n = counter(video);
      if (n !== null) window.reportFrame(n, performance.timeOrigin + meta.expectedDisplayTime);
    }
    if (player) video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  await player.play(cameraId);
  await new Promise((resolve) => { const check = () => (first !== null ? resolve() : setTimeout(check, 5)); check(); });
  return first;
}

async function stop() {
  const p = player;
  player = null;
  await p?.stop();
}

window.bench = { play, stop };
`;

export interface Viewers {
  open(): Promise<Viewer>;
  close(): Promise<void>;
}

export interface Viewer {
  /** Plays the camera; resolves with the ms from play() to the first picture. */
  play(cameraId: string, token: string, reportFrames: boolean): Promise<number>;
  stop(): Promise<void>;
}

export async function startViewers(baseUrl: string, onFrame: (counter: number, shownAt: number) => void): Promise<Viewers> {
  const browser = await launchChromium({ profilePrefix: 'argus-bench-chromium-', harnessPage: true });
  const { context } = browser;
  const html = `<!doctype html><html><body style="margin:0"><video muted autoplay playsinline></video><script>${await bundleLiveHarness('bench-viewer.ts', HARNESS)}</script></body></html>`;
  const url = `${baseUrl}/__bench-viewer.html`;
  await context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await context.exposeFunction('reportFrame', onFrame);
  return {
    async open() {
      const page: Page = await context.newPage();
      await page.goto(url);
      return {
        play: (cameraId, token, reportFrames) => page.evaluate(`window.bench.play(${JSON.stringify(cameraId)}, ${JSON.stringify(token)}, ${reportFrames})`) as Promise<number>,
        stop: () => page.evaluate('window.bench.stop()') as Promise<void>,
      };
    },
    close: () => browser.close(),
  };
}
