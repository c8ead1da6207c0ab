import type { DecodedFrame, EncodedVideoUnit, RtspTransport, VideoStreamInfo } from '@argus/domain';
import { probeFfmpeg } from './ffmpeg-binary';
import { FfmpegCameraFeed, FfmpegCameraFeedConnector } from './ffmpeg-camera-feed';
import { FfmpegFrameDecoderFactory } from './ffmpeg-frame-decoder';
import type { FfmpegMediaOptions } from './ffmpeg-media-options';
import { NalType, nalType, splitAnnexB } from '../h264';
import { anyFfmpeg, eventually, processGone, testedFfmpegBinaries } from '@argus/tools/testing/media/ffmpeg-binaries';
import { TestCamera } from '@argus/tools/testing/media/test-camera';
import { makeTestClip } from '@argus/tools/testing/media/test-clip';

jest.setTimeout(30_000);

const PASSWORD = 'Sup3r-S3cret';
const FRAME_MS = 100; // the clips run at 10 fps

interface Recording {
  feed: FfmpegCameraFeed;
  infos: VideoStreamInfo[];
  units: EncodedVideoUnit[];
  reasons: (string | null)[];
  /** Listener calls in order: 'info', 'unit', 'ended'. */
  calls: string[];
}

const open: FfmpegCameraFeed[] = [];
const servers: TestCamera[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((feed) => feed.stop()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(clip: Uint8Array, options: Partial<Parameters<typeof TestCamera.start>[0]> = {}) {
  const server = await TestCamera.start({ clip, ...options });
  servers.push(server);
  return server;
}

function connect(path: string, url: string, transport: RtspTransport = 'tcp', options: FfmpegMediaOptions = {}): Recording {
  const recording: Omit<Recording, 'feed'> = { infos: [], units: [], reasons: [], calls: [] };
  const connector = new FfmpegCameraFeedConnector({ binary: () => probeFfmpeg(path), ioTimeoutMs: 3000, ...options });
  const feed = connector.connect({ cameraId: 'cam-1', url, transport }, {
    info: (info) => (recording.infos.push(info), recording.calls.push('info')),
    unit: (unit) => (recording.units.push(unit), recording.calls.push('unit')),
    ended: (reason) => (recording.reasons.push(reason), recording.calls.push('ended')),
  });
  open.push(feed);
  return { feed, ...recording };
}

const types = (unit: EncodedVideoUnit) => splitAnnexB(unit.data).map(nalType);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * How far each capture time is from when the test server sent that frame. The median must be well
 * within a frame interval (ffmpeg's one-frame hold is corrected); the maximum only bounds hiccups
 * of a loaded machine.
 */
function expectCaptureTimes(server: TestCamera, times: { pts90k: number; at: number }[]): void {
  const errors = times.map(({ pts90k, at }) => Math.abs(at - (server.frameSentAt(pts90k) ?? Number.NaN)));
  expect(median(errors)).toBeLessThanOrEqual(FRAME_MS / 2);
  expect(Math.max(...errors)).toBeLessThanOrEqual(3 * FRAME_MS);
}

describe.each(testedFfmpegBinaries())('FfmpegCameraFeedConnector with %s', (path) => {
  let clip: Uint8Array; // 320x240, 10 fps, 2 s, a keyframe every 10 frames

  beforeAll(async () => {
    clip = await makeTestClip(anyFfmpeg(), { width: 320, height: 240, fps: 10, seconds: 2, gop: 10 });
  });

  it('announces the stream, then passes its units on with increasing PTS, keyframes first', async () => {
    const server = await serve(clip);
    const rec = connect(path, server.url(`admin:${PASSWORD}`));
    await eventually(() => rec.units.length >= 15, 10_000, '15 units');
    expect(rec.infos).toEqual([{ codec: 'h264', width: 320, height: 240, transcoded: false }]);
    expect(rec.calls.slice(0, 2)).toEqual(['info', 'unit']);
    const units = rec.units.slice(0, 15);
    expect(units[0].keyframe).toBe(true);
    expect(types(units[0])).toEqual(expect.arrayContaining([NalType.Sps, NalType.Pps, NalType.Idr]));
    expect(units.filter((u) => u.keyframe).map((u) => (u.pts90k - units[0].pts90k) / 9000)).toEqual([0, 10]);
    units.slice(1).forEach((u, i) => expect(u.pts90k).toBeGreaterThan(units[i].pts90k));
    units.forEach((u) => expect(u.keyframe).toBe(types(u).includes(NalType.Idr)));
    expectCaptureTimes(server, units.map((u) => ({ pts90k: u.pts90k, at: u.receivedAt })));
  });

  it('feeds a decoder: frames of the right size at about the requested FPS, with their capture times', async () => {
    const server = await serve(clip);
    const frames: DecodedFrame[] = [];
    const decoder = new FfmpegFrameDecoderFactory({ binary: () => probeFfmpeg(path) }).create(
      { cameraId: 'cam-1', fps: 5, maxWidth: 160 },
      { frame: (f) => frames.push(f), ended: () => undefined },
    );
    const feed = new FfmpegCameraFeedConnector({ binary: () => probeFfmpeg(path) }).connect(
      { cameraId: 'cam-1', url: server.url(), transport: 'tcp' },
      { info: () => undefined, unit: (u) => decoder.push(u), ended: () => undefined },
    );
    open.push(feed);
    await eventually(() => frames.length >= 8, 10_000, '8 frames');
    const started = frames[0].capturedAt;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await decoder.stop();
    const rate = frames.filter((f) => f.capturedAt >= started).length / ((Date.now() - started) / 1000);
    expect(rate).toBeGreaterThan(2.5);
    expect(rate).toBeLessThan(7.5);
    frames.forEach((frame) => expect(frame).toMatchObject({ width: 160, height: 120, channels: 3 }));
    expectCaptureTimes(server, frames.map((f) => ({ pts90k: f.pts90k, at: f.capturedAt })));
  });

  it('stops cleanly: ended(null) once, no ffmpeg left, the camera connection closed', async () => {
    const server = await serve(clip);
    const rec = connect(path, server.url());
    await eventually(() => rec.units.length > 0 && rec.feed.pid !== undefined, 10_000, 'a unit');
    const pid = rec.feed.pid as number;
    await rec.feed.stop();
    expect(processGone(pid)).toBe(true);
    await rec.feed.stop();
    expect(rec.reasons).toEqual([null]);
    await eventually(() => server.clients === 0, 5000, 'the RTSP connection to close');
  });

  it('ends with a credential-free reason when the camera refuses the connection', async () => {
    const server = await serve(clip);
    const url = server.url(`admin:${PASSWORD}`);
    await server.close();
    servers.length = 0;
    const rec = connect(path, url);
    await eventually(() => rec.reasons.length > 0, 10_000, 'the end');
    expect(rec.reasons[0]).toMatch(/refused/i);
    expect(rec.reasons[0]).not.toContain(PASSWORD);
    expect(rec.units).toEqual([]);
  });

  it('masks the password when the camera rejects the credentials', async () => {
    const server = await serve(clip, { rejectCredentials: true });
    const rec = connect(path, server.url(`admin:${PASSWORD}`));
    await eventually(() => rec.reasons.length > 0, 10_000, 'the end');
    expect(rec.reasons[0]).toMatch(/401/);
    expect(rec.reasons[0]).not.toContain(PASSWORD);
  });

  it('ends with a reason when the camera drops the connection', async () => {
    const server = await serve(clip);
    const rec = connect(path, server.url());
    await eventually(() => rec.units.length > 0, 10_000, 'a unit');
    const pid = rec.feed.pid as number;
    server.dropClients();
    await eventually(() => rec.reasons.length > 0, 10_000, 'the end');
    expect(typeof rec.reasons[0]).toBe('string');
    expect(processGone(pid)).toBe(true);
  });

  it('gives up on a camera that stops sending, after the I/O time-out', async () => {
    const server = await serve(clip);
    const rec = connect(path, server.url(), 'tcp', { ioTimeoutMs: 1000 });
    await eventually(() => rec.units.length > 0, 10_000, 'a unit');
    server.stall();
    const stalledAt = Date.now();
    await eventually(() => rec.reasons.length > 0, 10_000, 'the time-out');
    expect(Date.now() - stalledAt).toBeGreaterThanOrEqual(900);
    expect(typeof rec.reasons[0]).toBe('string');
  });

  it('pulls over UDP too', async () => {
    const server = await serve(clip);
    const rec = connect(path, server.url(), 'udp');
    await eventually(() => rec.units.length >= 5, 10_000, '5 units');
    expect(rec.units[0].keyframe).toBe(true);
  });

  it('puts SPS/PPS in front of every keyframe when the camera sends them only in the SDP', async () => {
    const server = await serve(clip, { parameterSetsInSdpOnly: true });
    const rec = connect(path, server.url());
    await eventually(() => rec.units.filter((u) => u.keyframe).length >= 2, 10_000, 'two keyframes');
    for (const unit of rec.units.filter((u) => u.keyframe)) {
      expect(types(unit)).toEqual(expect.arrayContaining([NalType.Sps, NalType.Pps, NalType.Idr]));
    }
    expect(rec.infos[0]).toMatchObject({ width: 320, height: 240 });
  });

  it('passes on an IDR picture sent as slices with SPS/PPS in front of each as one unit (GStreamer rtph264pay config-interval=-1)', async () => {
    // ffmpeg's parser ends the access unit at each repeated SPS: the picture reaches the feed in pieces.
    const sliced = await makeTestClip(anyFfmpeg(), { width: 320, height: 240, fps: 10, seconds: 2, gop: 10, slices: 2 });
    const server = await serve(sliced, { parameterSetsBeforeEverySlice: true });
    const rec = connect(path, server.url());
    await eventually(() => rec.units.filter((u) => u.keyframe).length >= 3, 10_000, 'three keyframes');
    const units = rec.units.slice(0, 21);
    units.slice(1).forEach((u, i) => expect(u.pts90k - units[i].pts90k).toBe(9000));
    for (const unit of units.filter((u) => u.keyframe)) {
      expect(types(unit).filter((type) => type === NalType.Idr)).toHaveLength(2);
    }
    expect(units.filter((u) => u.keyframe).map((u) => (u.pts90k - units[0].pts90k) / 9000)).toEqual([0, 10, 20]);
    expectCaptureTimes(server, units.map((u) => ({ pts90k: u.pts90k, at: u.receivedAt })));
  });

  it('transcodes once to H.264 when the camera sends H.265, on one connection at a time', async () => {
    const h265 = await makeTestClip(anyFfmpeg(), { width: 320, height: 240, seconds: 2, codec: 'libx265' });
    const server = await serve(h265);
    const rec = connect(path, server.url());
    await eventually(() => rec.units.length >= 3, 15_000, 'transcoded units');
    expect(rec.infos).toEqual([{ codec: 'h264', width: 320, height: 240, transcoded: true }]);
    expect(types(rec.units[0])).toEqual(expect.arrayContaining([NalType.Sps, NalType.Pps, NalType.Idr]));
    expect(server.clients).toBe(1);
  });
});

describe('FfmpegCameraFeedConnector start-up failures', () => {
  it('ends with the spawn error when the binary is missing', async () => {
    const real = await probeFfmpeg(anyFfmpeg());
    const rec = connect('', 'rtsp://127.0.0.1:9/live', 'tcp', { binary: async () => ({ ...real, path: '/nonexistent/ffmpeg' }) });
    await eventually(() => rec.reasons.length > 0, 5000, 'the end');
    expect(rec.reasons).toEqual(['cannot start camera feed: spawn /nonexistent/ffmpeg ENOENT']);
  });

  it('spawns nothing when stopped before ffmpeg was found', async () => {
    const real = await probeFfmpeg(anyFfmpeg());
    let found: (binary: typeof real) => void = () => undefined;
    const rec = connect('', 'rtsp://127.0.0.1:9/live', 'tcp', { binary: () => new Promise((resolve) => (found = resolve)) });
    await rec.feed.stop();
    found(real);
    await new Promise((resolve) => setImmediate(resolve));
    expect(rec.reasons).toEqual([null]);
    expect(rec.feed.pid).toBeUndefined();
  });
});
