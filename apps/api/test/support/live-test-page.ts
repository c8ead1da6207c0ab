import { bundleLiveHarness } from '@argus/tools/testing/live-harness';
import type { Page } from 'playwright-core';

/**
 * The console's framework-free live-view code (apps/web/src/app/live) in a bare page: player,
 * overlay (aligned by playout delay, as the Angular component does) and the detections feed, plus
 * probes the tests read from `window.liveState`.
 */
const HARNESS = `
import { WhepPlayer } from './whep-player';
import { OverlayRenderer, contentRect } from './overlay-renderer';
import { DetectionsFeed } from './detections-feed';

async function start(cameraId, token, label) {
  const video = document.querySelector('video');
  const canvas = document.querySelector('canvas');
  const state = (window.liveState = { detections: 0, firstFrameMs: null, sawRtpTimestamp: false, faces: [], states: [], delayMs: 0 });
  const player = new WhepPlayer(video, { token: () => token, onState: (s) => state.states.push(s) });
  const overlay = new OverlayRenderer(video, canvas, { label, onSyncDelay: (ms) => { state.delayMs = ms; player.setPlayoutDelay(ms); } });
  const feed = new DetectionsFeed({ token: () => token });
  feed.watch(cameraId, (event) => {
    state.detections++;
    state.lastDetection = { pts90k: event.pts90k, boxes: event.boxes.length, at: Date.now() };
    overlay.addDetections(event);
  });
  const t0 = performance.now();
  video.requestVideoFrameCallback((_now, meta) => { state.firstFrameMs = performance.now() - t0; state.sawRtpTimestamp = meta.rtpTimestamp !== undefined; });
  window.liveSession = { player, overlay, feed };
  await player.play(cameraId);
  overlay.start();
  probeFaces(video, overlay, state);
}

/** On pictures whose own boxes were drawn, the mean colour of the picture inside each box. */
function probeFaces(video, overlay, state) {
  const grab = document.createElement('canvas');
  const probe = (_now, meta) => {
    const last = overlay.last;
    state.lastShown = { rtpTimestamp: meta.rtpTimestamp, match: last && last.match, boxes: last && last.boxes.length, at: Date.now() };
    if (last && last.match === 'exact' && last.boxes.length > 0 && last.rtpTimestamp === meta.rtpTimestamp && state.faces.length < 20) {
      grab.width = video.videoWidth;
      grab.height = video.videoHeight;
      const ctx = grab.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(video, 0, 0);
      const area = contentRect(video);
      for (const box of last.boxes) {
        const s = video.videoWidth / area.width;
        const b = { x: (box.x - area.x) * s, y: (box.y - area.y) * s, width: box.width * s, height: box.height * s };
        const inner = ctx.getImageData(Math.round(b.x + b.width / 4), Math.round(b.y + b.height / 4), Math.max(1, Math.round(b.width / 2)), Math.max(1, Math.round(b.height / 2))).data;
        const mean = [0, 1, 2].map((c) => { let sum = 0; for (let i = c; i < inner.length; i += 4) sum += inner[i]; return sum / (inner.length / 4); });
        state.faces.push({ rtpTimestamp: meta.rtpTimestamp, box: b, frame: [video.videoWidth, video.videoHeight], mean });
      }
    }
    video.requestVideoFrameCallback(probe);
  };
  video.requestVideoFrameCallback(probe);
}

async function stop() {
  const session = window.liveSession;
  session.overlay.stop();
  session.feed.close();
  await session.player.stop();
}

/** A WHEP POST of a fresh offer with the given token (or none): the HTTP status. */
async function tryWhep(cameraId, token) {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('video', { direction: 'recvonly' });
  await pc.setLocalDescription(await pc.createOffer());
  const headers = { 'Content-Type': 'application/sdp' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const res = await fetch('/api/cameras/' + cameraId + '/whep', { method: 'POST', headers, body: pc.localDescription.sdp });
  pc.close();
  return res.status;
}

function video() {
  const v = document.querySelector('video');
  return { width: v.videoWidth, height: v.videoHeight, currentTime: v.currentTime };
}

window.argusLive = { start, stop, tryWhep, video, state: () => window.liveState };
`;

const HTML = (script: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>Argus live view test</title></head>
<body style="margin:0;background:#000">
<div style="position:relative;width:640px;height:360px">
<video muted autoplay playsinline style="display:block;width:100%;height:100%;object-fit:contain"></video>
<canvas style="position:absolute;inset:0;width:100%;height:100%"></canvas>
</div>
<script>${script}</script>
</body></html>`;

export interface FaceProbe {
  rtpTimestamp: number;
  box: { x: number; y: number; width: number; height: number };
  frame: [number, number];
  /** Mean RGB of the picture inside the box. */
  mean: [number, number, number];
}

export interface LiveState {
  detections: number;
  firstFrameMs: number | null;
  sawRtpTimestamp: boolean;
  faces: FaceProbe[];
  states: string[];
  delayMs: number;
}

/** The harness, driven from Node (no DOM types needed on this side). */
export class LivePage {
  constructor(readonly page: Page) {}

  start(cameraId: string, token: string, label: string): Promise<void> {
    return this.call('start', cameraId, token, label);
  }

  stop(): Promise<void> {
    return this.call('stop');
  }

  state(): Promise<LiveState> {
    return this.call('state');
  }

  video(): Promise<{ width: number; height: number; currentTime: number }> {
    return this.call('video');
  }

  /** HTTP status of a WHEP POST with this token (or none). */
  tryWhep(cameraId: string, token: string | null): Promise<number> {
    return this.call('tryWhep', cameraId, token);
  }

  private call<T>(name: string, ...args: unknown[]): Promise<T> {
    return this.page.evaluate(`window.argusLive.${name}(...${JSON.stringify(args)})`) as Promise<T>;
  }
}

/** Opens the harness page on Argus's own origin (served by the browser, so the API stays untouched). */
export async function openLivePage(page: Page, baseUrl: string): Promise<LivePage> {
  const html = HTML(await bundleLiveHarness('live-harness.ts', HARNESS));
  const url = `${baseUrl}/__live-test.html`;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.goto(url);
  return new LivePage(page);
}
