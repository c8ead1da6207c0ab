// Recording benchmark: what recording costs per camera, and how quickly clips and exports are ready.
// - CPU per recorded camera in continuous mode (segments written, index kept) at 640×360 and
//   1280×720, 15 fps: the camera simulator's clip (H.264 Main, a keyframe every second) fed to the
//   recorder of this process at its real pace for several cameras at once; CPU of this process
//   over the window, per camera (the units arrive already demuxed, as the camera runtime hands
//   them over: the RTSP pull is the live view's and costs nothing more). Also the write rate.
// - Time for an event clip to be stored after its post-roll (the unit that ends it arrives → the
//   MP4 is in the media store, files), 1280×720, preSeconds 5, postSeconds 10.
// - Time to export 10 minutes of 1280×720 continuous recording: laying out the MP4 and reading
//   every byte of it (as the video route sends it).
// Targets: ≤ 2 % of a core per recorded camera; clip ready ≤ 5 s after its post-roll; 10-minute
// export ≤ 3 s.
// Usage: npm run bench -- recording   (RECORDING_BENCH_CAMERAS=8 RECORDING_BENCH_SECONDS=20)
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Recorder, type Camera, type EncodedVideoUnit } from '@argus/domain';
import { FileMediaStore } from '@argus/adapters';
import { groupAccessUnits, isKeyframe, splitAnnexB, toAnnexB } from '@argus/adapters/media/h264';
import { FileSegmentStore, MediaClipStore } from '@argus/adapters/media/record';
import { CLIP_FPS, ensureClips, ffmpegFromEnvironment } from '../camera-sim';
import { startFfmpeg } from '../camera-sim/ffmpeg-runner.testing';
import { percentile, printTable, recordResults } from './results';

const CAMERAS = Number(process.env['RECORDING_BENCH_CAMERAS'] ?? 8);
const SECONDS = Number(process.env['RECORDING_BENCH_SECONDS'] ?? 20);
const CLIPS_DIR = 'tmp/camera-sim-clips';
const FRAME_MS = 1000 / CLIP_FPS;
const INFO = { codec: 'h264' as const, width: 0, height: 0, transcoded: false };
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The simulator's faces clip re-encoded at a constant bitrate, as such cameras send it: 640×360 at 1 Mbit/s, 1280×720 at 2 Mbit/s. */
async function streams(): Promise<Record<string, string>> {
  const { faces } = await ensureClips(CLIPS_DIR);
  const out: Record<string, string> = {};
  for (const [width, height, rate] of [[640, 360, '1M'], [1280, 720, '2M']] as const) {
    const file = join(CLIPS_DIR, `faces-${width}x${height}-${rate}.h264`);
    out[`${width}×${height}`] = file;
    if (existsSync(file)) continue;
    const partial = `${file}.${process.pid}.partial`;
    const gop = String(CLIP_FPS);
    const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-r', gop, '-f', 'h264', '-i', faces, '-vf', `scale=${width}:${height}`,
      '-c:v', 'libx264', '-profile:v', 'main', '-preset', 'veryfast', '-tune', 'zerolatency', '-bf', '0', '-g', gop, '-keyint_min', gop,
      '-sc_threshold', '0', '-b:v', rate, '-minrate', rate, '-maxrate', rate, '-bufsize', rate, '-x264-params', 'nal-hrd=cbr', '-f', 'h264', partial];
    const run = await startFfmpeg(ffmpegFromEnvironment(), args, 300_000).done;
    if (run.code !== 0) throw new Error(`could not encode the ${width}×${height} clip: ${run.stderr}`);
    renameSync(partial, file);
  }
  return out;
}

/** A raw H.264 clip as access units (Annex B, SPS/PPS in front of each keyframe). */
function accessUnits(file: string): Uint8Array[] {
  return groupAccessUnits(splitAnnexB(readFileSync(file))).map((nals) => toAnnexB(nals));
}

/** The clip looped: unit `i` of a camera started at `start`. */
function unitAt(clip: Uint8Array[], i: number, start: number): EncodedVideoUnit {
  const data = clip[i % clip.length];
  return { data, pts90k: i * 6000, keyframe: isKeyframe(splitAnnexB(data)), receivedAt: start + Math.round(i * FRAME_MS) };
}

interface Rig {
  dir: string;
  recorder: Recorder;
  segments: FileSegmentStore;
  stored: Array<{ key: string; at: number }>;
  close(): void;
}

async function rig(recording: Camera['recording'], cameraIds: string[]): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'argus-recording-bench-'));
  const segments = FileSegmentStore.open(join(dir, 'recordings'));
  const clips = await MediaClipStore.open(new FileMediaStore(join(dir, 'media')), join(dir, 'recordings', '.clips'), { local: true });
  const stored: Rig['stored'] = [];
  const recorder = new Recorder({
    segments,
    clips,
    cameras: { findById: async () => null },
    clipStored: (_camera, key) => stored.push({ key, at: performance.now() }),
    diskFull: () => undefined,
    log: { warn: (m) => process.stderr.write(`${m}\n`) },
  });
  for (const id of cameraIds) recorder.configure({ id, recording } as Camera);
  return { dir, recorder, segments, stored, close: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `cameras` cameras recording continuously, fed at 15 fps for `seconds`: CPU per camera and write rate. */
async function continuousCost(label: string, clip: Uint8Array[], cameras: number, seconds: number) {
  const ids = Array.from({ length: cameras }, (_, i) => `cam-${i}`);
  const r = await rig({ mode: 'continuous', preSeconds: 5, postSeconds: 10 }, ids);
  const start = Date.now();
  for (const id of ids) r.recorder.cameraStarted(id, INFO);
  const frames = seconds * CLIP_FPS;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) {
    for (const id of ids) r.recorder.unit(id, unitAt(clip, i, start));
    const due = t0 + (i + 1) * FRAME_MS;
    await sleep(Math.max(0, due - performance.now()));
  }
  for (const id of ids) r.recorder.cameraStopped(id);
  await r.recorder.settled();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuPct = ((cpu.user + cpu.system) / 1e6 / wall) * 100;
  const bytes = r.segments.usedBytes();
  r.close();
  return {
    stream: label,
    cameras,
    seconds: round(wall, 1),
    cpuPctPerCamera: round(cpuPct / cameras),
    writeKBps: round(bytes / 1024 / wall / cameras, 1),
    mbitPerCamera: round((bytes * 8) / 1e6 / wall / cameras),
  };
}

/** Event clips: from the unit that ends the post-roll to the clip stored, `runs` times. */
async function clipReady(clip: Uint8Array[], runs: number) {
  const r = await rig({ mode: 'events', preSeconds: 5, postSeconds: 10 }, ['cam-0']);
  const waits: number[] = [];
  let i = 0;
  const start = Date.now();
  r.recorder.cameraStarted('cam-0', INFO);
  const feed = async (untilMs: number, onUnit?: (unit: EncodedVideoUnit) => void) => {
    const t0 = performance.now();
    for (let n = 0; ; n++, i++) {
      const unit = unitAt(clip, i, start);
      if (unit.receivedAt > untilMs) return;
      r.recorder.unit('cam-0', unit);
      onUnit?.(unit);
      await sleep(Math.max(0, t0 + (n + 1) * FRAME_MS - performance.now()));
    }
  };
  for (let run = 0; run < runs; run++) {
    await feed(unitAt(clip, i, start).receivedAt + 6000); // the pre-roll fills
    const alertAt = unitAt(clip, i - 1, start).receivedAt;
    r.recorder.alertRaised({ alertId: `alert-${run}`, cameraId: 'cam-0', timestamp: new Date(alertAt) } as never);
    let endedAt = 0;
    await feed(alertAt + 10_000 + 2 * FRAME_MS, (unit) => {
      if (!endedAt && unit.receivedAt > alertAt + 10_000) endedAt = performance.now();
    });
    const deadline = performance.now() + 30_000;
    while (r.stored.length <= run && performance.now() < deadline) await sleep(5);
    if (r.stored.length <= run) throw new Error('the clip was not stored within 30 s');
    waits.push(r.stored[run].at - endedAt);
  }
  r.recorder.cameraStopped('cam-0');
  await r.recorder.settled();
  r.close();
  return { clips: runs, readyMsP50: round(percentile(waits, 50), 0), readyMsMax: round(Math.max(...waits), 0) };
}

/** 10 minutes recorded (written as fast as the disk takes them), then exported: layout, then every byte read. */
async function exportTime(clip: Uint8Array[], minutes: number) {
  const r = await rig({ mode: 'continuous', preSeconds: 0, postSeconds: 0 }, ['cam-0']);
  const start = Date.now() - minutes * 60_000 - 60_000;
  r.recorder.cameraStarted('cam-0', INFO);
  const frames = minutes * 60 * CLIP_FPS + CLIP_FPS * 10;
  for (let i = 0; i < frames; i++) {
    r.recorder.unit('cam-0', unitAt(clip, i, start));
    if (i % 150 === 0) await r.recorder.settled();
  }
  r.recorder.cameraStopped('cam-0');
  await r.recorder.settled();
  const from = new Date(start + 5000);
  const to = new Date(from.getTime() + minutes * 60_000);
  const t0 = performance.now();
  const video = await r.segments.video('cam-0', from, to);
  if (!video) throw new Error('nothing to export');
  const planned = performance.now();
  let read = 0;
  for await (const chunk of video.read(0, video.size - 1)) read += chunk.byteLength;
  const done = performance.now();
  if (read !== video.size) throw new Error(`read ${read} of ${video.size} bytes`);
  r.close();
  return { minutes, mb: round(video.size / 1e6, 1), layoutMs: round(planned - t0, 0), totalMs: round(done - t0, 0), mbPerS: round(video.size / 1e6 / ((done - t0) / 1000), 0) };
}

async function main(): Promise<void> {
  const files = await streams();
  const clips = Object.fromEntries(Object.entries(files).map(([label, file]) => [label, accessUnits(file)]));
  await continuousCost('warm-up', clips['640×360'], 2, 3); // the JIT warms up first
  const cost = [];
  for (const [label, clip] of Object.entries(clips)) cost.push(await continuousCost(label, clip, CAMERAS, SECONDS));
  printTable(`Continuous recording, ${CAMERAS} cameras at 15 fps (CPU of this process, % of one core per camera; target ≤ 2)`, cost);
  const ready = await clipReady(clips['1280×720'], 3);
  printTable('Event clip (1280×720, pre 5 s, post 10 s): from its post-roll’s end to stored, ms (target ≤ 5000)', [ready]);
  const exported = await exportTime(clips['1280×720'], 10);
  printTable('Export of 10 minutes of 1280×720 (layout, then every byte read), ms (target ≤ 3000)', [exported]);
  recordResults('recording', { continuous: cost, clipReady: ready, export: exported });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
