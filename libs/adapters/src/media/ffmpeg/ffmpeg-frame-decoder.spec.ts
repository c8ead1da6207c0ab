import type { DecodedFrame, EncodedVideoUnit, FrameDecoderSpec } from '@argus/domain';
import { probeFfmpeg } from './ffmpeg-binary';
import { FfmpegFrameDecoder, FfmpegFrameDecoderFactory } from './ffmpeg-frame-decoder';
import type { FfmpegMediaOptions } from './ffmpeg-media-options';
import { isKeyframe, splitAnnexB } from '../h264';
import { anyFfmpeg, eventually, processGone, testedFfmpegBinaries } from '@argus/tools/testing/media/ffmpeg-binaries';
import { demuxAll, makeTestClip } from '@argus/tools/testing/media/test-clip';

jest.setTimeout(20_000);

/** A clip's access units as the feed would give them, received in real time from `start`. */
async function clipUnits(options: Parameters<typeof makeTestClip>[1], start = 1_700_000_000_000): Promise<EncodedVideoUnit[]> {
  const units = demuxAll(await makeTestClip(anyFfmpeg(), options));
  return units.map((u) => ({
    data: u.data,
    pts90k: u.pts90k,
    keyframe: isKeyframe(splitAnnexB(u.data)),
    receivedAt: start + Math.round((u.pts90k - units[0].pts90k) / 90),
  }));
}

const running: FfmpegFrameDecoder[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((decoder) => decoder.stop()));
});

/** A decoder whose ffmpeg has started (units pushed before that only keep the current GOP). */
async function decode(path: string, spec: Partial<FrameDecoderSpec>, options: FfmpegMediaOptions = {}) {
  const frames: DecodedFrame[] = [];
  const reasons: (string | null)[] = [];
  const decoder = new FfmpegFrameDecoderFactory({ binary: () => probeFfmpeg(path), ...options }).create(
    { cameraId: 'cam-1', fps: 5, maxWidth: 640, ...spec },
    { frame: (f) => frames.push(f), ended: (r) => reasons.push(r) },
  );
  running.push(decoder);
  await eventually(() => decoder.pid !== undefined || reasons.length > 0, 5000, 'ffmpeg to start');
  return { decoder, frames, reasons };
}

describe.each(testedFfmpegBinaries())('FfmpegFrameDecoder with %s', (path) => {
  let units: EncodedVideoUnit[]; // 320x240, 10 fps, 4 s, a keyframe every 10 frames

  beforeAll(async () => {
    units = await clipUnits({ width: 320, height: 240, fps: 10, seconds: 4, gop: 10 });
  });

  it('samples the stream to the requested FPS, each frame with its unit’s capture time', async () => {
    const { decoder, frames } = await decode(path, { fps: 5, maxWidth: 160 });
    units.forEach((u) => decoder.push(u));
    await eventually(() => frames.length >= 19, 10_000, '4 s of frames at 5 fps');
    await decoder.stop();
    expect(frames.length).toBeGreaterThanOrEqual(19);
    expect(frames.length).toBeLessThanOrEqual(21);
    for (const frame of frames) {
      expect(frame).toMatchObject({ width: 160, height: 120, channels: 3 });
      expect(frame.data).toHaveLength(160 * 120 * 3);
      const unit = units.find((u) => u.pts90k === frame.pts90k) as EncodedVideoUnit;
      expect(frame.capturedAt).toBe(unit.receivedAt);
    }
    const steps = frames.slice(1).map((f, i) => f.capturedAt - frames[i].capturedAt);
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(100); // 1/5 s, give or take one source frame
    expect(Math.max(...steps)).toBeLessThanOrEqual(300);
  });

  it('passes every frame when asked for more FPS than the camera sends, and never upscales', async () => {
    const { decoder, frames } = await decode(path, { fps: 30, maxWidth: 1920 });
    units.forEach((u) => decoder.push(u));
    await eventually(() => frames.length === units.length, 10_000, 'every frame');
    await decoder.stop();
    expect(frames.map((f) => f.pts90k)).toEqual(units.map((u) => u.pts90k));
    expect(frames[0]).toMatchObject({ width: 320, height: 240 });
  });

  it('keeps the aspect ratio with an even height', async () => {
    const wide = await clipUnits({ width: 640, height: 360, fps: 10, seconds: 1 });
    const { decoder, frames } = await decode(path, { fps: 10, maxWidth: 250 });
    wide.forEach((u) => decoder.push(u));
    await eventually(() => frames.length > 0, 10_000, 'a frame');
    await decoder.stop();
    expect(frames[0]).toMatchObject({ width: 250, height: 140 });
    expect(frames[0].data).toHaveLength(250 * 140 * 3);
  });

  it('starts at the first keyframe it is given', async () => {
    const { decoder, frames } = await decode(path, { fps: 30, maxWidth: 320 });
    units.slice(3, 25).forEach((u) => decoder.push(u));
    await eventually(() => frames.length === 15, 10_000, 'frames from the second keyframe');
    await decoder.stop();
    expect(frames[0].pts90k).toBe(units[10].pts90k);
    expect(decoder.stats.dropped).toBe(7);
  });

  it('keeps only the current group of pictures while ffmpeg is starting', async () => {
    const frames: DecodedFrame[] = [];
    const decoder = new FfmpegFrameDecoderFactory({ binary: () => probeFfmpeg(path) }).create(
      { cameraId: 'cam-1', fps: 30, maxWidth: 320 },
      { frame: (f) => frames.push(f), ended: () => undefined },
    );
    running.push(decoder);
    units.forEach((u) => decoder.push(u));
    await eventually(() => frames.length === 10, 10_000, 'the last GOP');
    expect(frames[0].pts90k).toBe(units[30].pts90k);
    expect(decoder.stats.dropped).toBe(30);
  });

  it('stops cleanly: ended(null) once and no ffmpeg left', async () => {
    const { decoder, reasons } = await decode(path, {});
    const pid = decoder.pid as number;
    await decoder.stop();
    expect(processGone(pid)).toBe(true);
    await decoder.stop();
    decoder.push(units[0]);
    expect(reasons).toEqual([null]);
  });

  it('drops units up to a keyframe while ffmpeg does not drain, instead of buffering them', async () => {
    const big = await clipUnits({ width: 1280, height: 720, fps: 25, seconds: 2, gop: 25 });
    const { decoder, frames } = await decode(path, { fps: 30, maxWidth: 320 }, { decoderStallMs: 200 });
    process.kill(decoder.pid as number, 'SIGSTOP');
    try {
      for (let i = 0; i < 3 * big.length; i++) {
        decoder.push({ ...big[i % big.length], pts90k: big[i % big.length].pts90k + Math.floor(i / big.length) * 180_000 });
        if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(decoder.stats.dropped).toBeGreaterThan(0);
      expect(decoder.queuedBytes).toBeLessThan(4 * 1024 * 1024);
    } finally {
      process.kill(decoder.pid as number, 'SIGCONT');
    }
    await eventually(() => decoder.queuedBytes === 0, 10_000, 'ffmpeg to catch up');
    const later = 10 * 180_000;
    big.forEach((u) => decoder.push({ ...u, pts90k: u.pts90k + later }));
    const resumed = () => frames.filter((f) => f.pts90k >= big[0].pts90k + later);
    await eventually(() => resumed().length === big.length, 10_000, 'decoding to resume');
  });

  it('ends with a reason when the picture size changes, rather than give wrong pixels', async () => {
    const bigger = await clipUnits({ width: 640, height: 360, fps: 10, seconds: 1 });
    const after = units[units.length - 1].pts90k + 9000 - bigger[0].pts90k;
    const { decoder, frames, reasons } = await decode(path, { fps: 30, maxWidth: 1000 });
    const pid = decoder.pid as number;
    [...units.slice(0, 10), ...bigger.map((u) => ({ ...u, pts90k: u.pts90k + after }))].forEach((u) => decoder.push(u));
    await eventually(() => reasons.length > 0, 10_000, 'the end');
    expect(reasons).toEqual(['frame decoder: the picture size changed from 320x240 to 640x360']);
    expect(frames.map((f) => `${f.width}x${f.height}`)).toEqual(new Array(10).fill('320x240'));
    await eventually(() => processGone(pid), 5000, 'ffmpeg to exit');
  });

  it('ends with a reason when it cannot start', async () => {
    const { reasons } = await decode('/nonexistent/ffmpeg', {});
    await eventually(() => reasons.length > 0, 5000, 'the end');
    expect(reasons[0]).toMatch(/cannot start the frame decoder: cannot run ffmpeg/);
  });
});

describe('FfmpegFrameDecoder with a binary that fails to spawn', () => {
  it('ends with the spawn error', async () => {
    const real = await probeFfmpeg(anyFfmpeg());
    const reasons: (string | null)[] = [];
    const decoder: FfmpegFrameDecoder = new FfmpegFrameDecoderFactory({
      binary: async () => ({ ...real, path: '/nonexistent/ffmpeg' }),
    }).create({ cameraId: 'c', fps: 5, maxWidth: 320 }, { frame: () => undefined, ended: (r) => reasons.push(r) });
    await eventually(() => reasons.length > 0, 5000, 'the end');
    expect(reasons).toEqual(['cannot start frame decoder: spawn /nonexistent/ffmpeg ENOENT']);
    await decoder.stop();
    expect(reasons).toHaveLength(1);
  });
});
