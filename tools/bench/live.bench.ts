/**
 * Live view benchmark (`npm run bench -- live`): a simulated 720p15 camera (the faces clip with its
 * burned-in frame counter) is pulled by a real Argus (built server, child process, detection off so
 * only the live path is measured) and played by headless Chromium through the embedded WHEP gateway.
 *
 * - glass-to-glass: from the simulator handing a picture's RTP to its socket to that picture's
 *   expected display time in Chromium (counter read back from the shown frame), p50/p95;
 * - first frame: play() (the click) to the first picture, over fresh connections;
 * - CPU of the Argus process (and of its ffmpeg feed) per stream and per extra viewer, from /proc.
 * Environment: BENCH_LIVE_SECONDS (each CPU window, default 15), BENCH_LIVE_VIEWERS (default 4).
 */
import { CLIP_FPS, startCameraSimulator, type FrameSent } from '../camera-sim';
import { benchClip } from './live/bench-clip';
import { childPids, coreShare, startArgus, type ArgusProcess } from './live/argus-process';
import { startViewers, type Viewer, type Viewers } from './live/viewer-page';
import { percentile, printTable, recordResults } from './results';

const WINDOW_S = Number(process.env['BENCH_LIVE_SECONDS'] ?? 15);
const VIEWERS = Number(process.env['BENCH_LIVE_VIEWERS'] ?? 4);
const FIRST_FRAME_RUNS = 5;
const WIDTH = 1280;
const HEIGHT = 720;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const pct = (share: number) => Math.round(share * 1000) / 10;

/** Latency samples: counter value → when the simulator last sent that clip frame. */
class GlassToGlass {
  private readonly sent = new Map<number, number>();
  readonly samples: number[] = [];
  recording = false;

  frameSent(frame: FrameSent): void {
    this.sent.set(frame.frameIndex, frame.sentAt);
  }

  frameShown(counter: number, shownAt: number): void {
    const sentAt = this.sent.get(counter);
    if (this.recording && sentAt !== undefined) this.samples.push(shownAt - sentAt);
  }
}

async function startCamera(argus: ArgusProcess, url: string): Promise<string> {
  const created = await argus.api<{ id: string }>('POST', '/api/cameras', { name: 'Bench 720p', location: 'bench', rtspUrl: url, detectionEnabled: false });
  if (created.status !== 201) throw new Error(`camera not created: ${created.status}`);
  const id = created.body.id;
  await argus.api('POST', `/api/cameras/${id}/start`);
  for (let i = 0; (await argus.api('GET', `/api/cameras/${id}/live`)).status !== 200; i++) {
    if (i > 120) throw new Error('the camera never became live');
    await sleep(250);
  }
  return id;
}

async function firstFrames(viewers: Viewers, cameraId: string, token: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < FIRST_FRAME_RUNS; i++) {
    const viewer = await viewers.open();
    times.push(await viewer.play(cameraId, token, false));
    await viewer.stop();
    await sleep(500);
  }
  return times;
}

async function run(): Promise<void> {
  const g2g = new GlassToGlass();
  const clip = await benchClip(WIDTH, HEIGHT);
  const sim = await startCameraSimulator({ paths: { cam: { clip, fps: CLIP_FPS } }, onFrameSent: (f) => g2g.frameSent(f) });
  const argus = await startArgus({ DETECTION_THREADS: '1' });
  const viewers = await startViewers(argus.baseUrl, (counter, shownAt) => g2g.frameShown(counter, shownAt));
  try {
    const figures = await phases(argus, viewers, sim.url('cam'), g2g);
    report(figures);
  } finally {
    await viewers.close();
    await argus.stop();
    await sim.stop();
  }
}

interface Figures {
  idle: number;
  streaming: number;
  oneViewer: number;
  manyViewers: number;
  feed: number;
  latency: number[];
  firstFrame: number[];
}

async function phases(argus: ArgusProcess, viewers: Viewers, url: string, g2g: GlassToGlass): Promise<Figures> {
  const self = () => [argus.pid];
  const window = () => sleep(WINDOW_S * 1000);
  await sleep(3000); // start-up work (JIT, first requests) is not idle time
  const idle = await coreShare(self, window);
  const cameraId = await startCamera(argus, url);
  await sleep(2000);
  let feed = 0;
  const streaming = await coreShare(self, async () => {
    feed = await coreShare(() => childPids(argus.pid), window);
  });
  const first = await viewers.open();
  await first.play(cameraId, argus.token, true);
  await sleep(2000);
  g2g.recording = true;
  const oneViewer = await coreShare(self, window);
  g2g.recording = false;
  const extra: Viewer[] = [];
  for (let i = 1; i < VIEWERS; i++) {
    extra.push(await viewers.open());
    await extra[extra.length - 1].play(cameraId, argus.token, false);
  }
  await sleep(2000);
  const manyViewers = await coreShare(self, window);
  for (const viewer of [first, ...extra]) await viewer.stop();
  const firstFrame = await firstFrames(viewers, cameraId, argus.token);
  return { idle, streaming, oneViewer, manyViewers, feed, latency: g2g.samples, firstFrame };
}

function report(f: Figures): void {
  const perStream = f.oneViewer - f.idle;
  const perViewer = (f.manyViewers - f.oneViewer) / Math.max(1, VIEWERS - 1);
  const figures = {
    stream: `${WIDTH}x${HEIGHT}@${CLIP_FPS} H.264 Main, 1 s GOP (simulator, loopback)`,
    glassToGlassMs: { p50: Math.round(percentile(f.latency, 50)), p95: Math.round(percentile(f.latency, 95)), samples: f.latency.length },
    firstFrameMs: { p50: Math.round(percentile(f.firstFrame, 50)), max: Math.round(Math.max(...f.firstFrame)), runs: f.firstFrame.length },
    argusCpuPercentOfCore: {
      idle: pct(f.idle),
      streamingNoViewer: pct(f.streaming),
      oneViewer: pct(f.oneViewer),
      [`${VIEWERS}Viewers`]: pct(f.manyViewers),
      perStreamWithOneViewer: pct(perStream),
      perExtraViewer: pct(perViewer),
    },
    ffmpegFeedCpuPercentOfCore: pct(f.feed),
    targets: { glassToGlassP50Ms: 150, perStreamPercent: 3, perExtraViewerPercent: 2, firstFrameMs: 1500 },
  };
  printTable('Live view (embedded WHEP gateway, werift passthrough)', [
    { figure: 'glass-to-glass p50 / p95 (ms)', value: `${figures.glassToGlassMs.p50} / ${figures.glassToGlassMs.p95}`, target: 'p50 ≤ 150' },
    { figure: 'first frame p50 / max (ms)', value: `${figures.firstFrameMs.p50} / ${figures.firstFrameMs.max}`, target: '≤ 1500' },
    { figure: 'Argus CPU per stream, 1 viewer (% core)', value: figures.argusCpuPercentOfCore.perStreamWithOneViewer, target: '≤ 3' },
    { figure: 'Argus CPU per extra viewer (% core)', value: figures.argusCpuPercentOfCore.perExtraViewer, target: '≤ 2' },
    { figure: 'ffmpeg feed CPU (% core, not in the above)', value: figures.ffmpegFeedCpuPercentOfCore, target: '' },
  ]);
  recordResults('live', figures);
}

run().catch((error: unknown) => {
  process.stderr.write(`live bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
