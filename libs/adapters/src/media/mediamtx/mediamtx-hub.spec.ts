import type { EncodedVideoUnit, LiveDetections, VideoStreamInfo } from '@argus/domain';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anyFfmpeg, eventually, processGone } from '@argus/tools/testing/media/ffmpeg-binaries';
import { NalType, findNal, groupAccessUnits, isKeyframe, nalType, parseSps, splitAnnexB, toAnnexB } from '../h264';
import { MAIN_360P_PPS, MAIN_360P_SPS, sliceNal } from '@argus/tools/testing/media/h264-samples';
import type { BoxBurner, LiveBoxBurner } from './box-burner';
import { MediamtxLiveHub, type MediamtxHubOptions } from './mediamtx-hub';
import { RecordedRtspServer } from '@argus/tools/testing/media/recorded-rtsp-server';
import type { RtspPublisher } from './rtsp-publisher';

const INFO = { codec: 'h264' as const, width: 640, height: 360, transcoded: false };

function unit(i: number, gop = 5): EncodedVideoUnit {
  const key = i % gop === 0;
  const nals = key ? [MAIN_360P_SPS, MAIN_360P_PPS, sliceNal(5, 0, 100, 0x41)] : [sliceNal(1, 0, 50, 0x42)];
  return { data: toAnnexB(nals), pts90k: i * 6000, keyframe: key, receivedAt: 1000 + i };
}

/** A publisher double: records what is sent, can be closed "by the server". */
class FakePublisher {
  sent: Array<{ types: number[]; pts: number; keyframe: boolean }> = [];
  closed = false;
  private listeners: Array<(reason: string) => void> = [];
  send(nals: Uint8Array[], pts90k: number, keyframe: boolean): boolean {
    this.sent.push({ types: nals.map(nalType), pts: pts90k, keyframe });
    return true;
  }
  onClosed(listener: (reason: string) => void) {
    this.listeners.push(listener);
  }
  async close() {
    this.closed = true;
  }
  dropByServer() {
    this.listeners.forEach((l) => l('the server closed the connection'));
  }
}

describe('MediamtxLiveHub', () => {
  let opened: Array<{ url: string; publisher: FakePublisher }>;
  let refuse: boolean;
  const hub = () =>
    new MediamtxLiveHub({
      rtspUrl: 'rtsp://mediamtx:8554',
      webrtcUrl: 'http://localhost:8889/',
      publisher: { username: 'argus-publisher', password: 's3cret' },
      retryMinMs: 1000,
      open: async (url) => {
        if (refuse) throw new Error('ANNOUNCE refused (401)');
        const publisher = new FakePublisher();
        opened.push({ url, publisher });
        return publisher as unknown as RtspPublisher;
      },
    });
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  beforeEach(() => {
    opened = [];
    refuse = false;
  });

  it('publishes a camera at MEDIAMTX_URL/<id> from its first keyframe, with the publisher credentials', async () => {
    const h = hub();
    h.cameraStarted('cam-1', INFO);
    h.unit('cam-1', unit(1)); // no keyframe yet: nothing to announce
    expect(opened).toHaveLength(0);
    h.unit('cam-1', unit(5));
    await settle();
    expect(opened.map((o) => o.url)).toEqual(['rtsp://argus-publisher:s3cret@mediamtx:8554/cam-1']);
    expect(h.isLive('cam-1')).toBe(true);
    h.unit('cam-1', unit(6)); // not a keyframe: a push starts at one
    h.unit('cam-1', unit(10));
    h.unit('cam-1', unit(11));
    expect(opened[0].publisher.sent.map((s) => s.pts)).toEqual([60_000, 66_000]);
    expect(opened[0].publisher.sent[0].types).toEqual([NalType.Sps, NalType.Pps, NalType.Idr]);
    expect(h.whepUrl('cam-1')).toBe('http://localhost:8889/cam-1/whep');
    h.cameraStopped('cam-1');
    await settle();
    expect(opened[0].publisher.closed).toBe(true);
    expect(h.isLive('cam-1')).toBe(false);
  });

  it('reconnects after the server dropped the push, at the next keyframe after a pause', async () => {
    jest.useFakeTimers();
    try {
      const h = hub();
      h.cameraStarted('cam-1', INFO);
      h.unit('cam-1', unit(0));
      await Promise.resolve();
      await Promise.resolve();
      opened[0].publisher.dropByServer();
      expect(h.isLive('cam-1')).toBe(false);
      h.unit('cam-1', unit(5));
      expect(opened).toHaveLength(1); // still waiting out the pause
      jest.advanceTimersByTime(1000);
      h.unit('cam-1', unit(10));
      await Promise.resolve();
      await Promise.resolve();
      expect(opened).toHaveLength(2);
      expect(h.isLive('cam-1')).toBe(true);
      await h.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('is not live while MediaMTX refuses the push', async () => {
    refuse = true;
    const h = hub();
    h.cameraStarted('cam-1', INFO);
    h.unit('cam-1', unit(0));
    await settle();
    expect(h.isLive('cam-1')).toBe(false);
    await h.close();
  });
});

/** A burner double: records what it is given and re-emits units as the "re-encoded" stream. */
class FakeBurner implements LiveBoxBurner {
  pushed: number[] = [];
  detected: LiveDetections[] = [];
  resized: string[] = [];
  stopped = false;
  constructor(readonly info: VideoStreamInfo, readonly output: (unit: EncodedVideoUnit) => void) {}
  push(unit: EncodedVideoUnit): void {
    this.pushed.push(unit.pts90k);
  }
  detections(detections: LiveDetections): void {
    this.detected.push(detections);
  }
  resize(info: VideoStreamInfo): void {
    this.resized.push(`${info.width}x${info.height}`);
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
}

describe('MediamtxLiveHub publish modes', () => {
  const FACE: LiveDetections = { frameWidth: 640, frameHeight: 360, capturedAt: 1, pts90k: 2, boxes: [{ x: 1, y: 2, width: 30, height: 40, score: 0.9 }] };
  let opened: FakePublisher[];
  let burners: Array<{ cameraId: string; burner: FakeBurner }>;
  const hub = (options: Partial<MediamtxHubOptions> = {}) =>
    new MediamtxLiveHub({
      rtspUrl: 'rtsp://mediamtx:8554',
      webrtcUrl: 'http://localhost:8889',
      publisher: { username: 'argus-publisher', password: 's3cret' },
      open: async () => {
        const publisher = new FakePublisher();
        opened.push(publisher);
        return publisher as unknown as RtspPublisher;
      },
      burner: (cameraId, info, output) => {
        const burner = new FakeBurner(info, output);
        burners.push({ cameraId, burner });
        return burner;
      },
      ...options,
    });
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  beforeEach(() => {
    opened = [];
    burners = [];
  });

  it('passes the camera’s units through by default, with no burner and detections ignored', async () => {
    const h = hub();
    expect(h.publish).toBe('passthrough');
    h.cameraStarted('cam-1', INFO);
    h.detections('cam-1', FACE);
    h.unit('cam-1', unit(0));
    await settle();
    h.unit('cam-1', unit(5));
    expect(burners).toEqual([]);
    expect(opened[0].sent.map((s) => s.pts)).toEqual([30_000]);
    await h.close();
  });

  it('in boxes mode, sends each camera through its own burner and publishes what the burner gives back', async () => {
    const h = hub({ publish: 'boxes' });
    h.cameraStarted('cam-1', INFO);
    h.cameraStarted('cam-2', { ...INFO, width: 1280, height: 720 });
    expect(burners.map((b) => [b.cameraId, b.burner.info.width])).toEqual([['cam-1', 640], ['cam-2', 1280]]);
    const [one, two] = burners.map((b) => b.burner);
    h.unit('cam-1', unit(0));
    h.unit('cam-1', unit(1));
    h.detections('cam-1', FACE);
    h.detections('cam-3', FACE); // not running: nothing to do
    await settle();
    expect(one.pushed).toEqual([0, 6000]);
    h.cameraStarted('cam-1', { ...INFO, width: 320, height: 240 }); // the picture size changed
    expect(burners).toHaveLength(2);
    expect(one.resized).toEqual(['320x240']);
    expect(two.pushed).toEqual([]);
    expect(one.detected).toEqual([FACE]);
    expect(opened).toHaveLength(0); // the camera's own units never reach MediaMTX
    one.output({ ...unit(0), pts90k: 123_000 });
    await settle();
    expect(opened).toHaveLength(1);
    expect(h.isLive('cam-1')).toBe(true);
    one.output({ ...unit(5), pts90k: 129_000 });
    one.output({ ...unit(6), pts90k: 135_000 });
    expect(opened[0].sent.map((s) => s.pts)).toEqual([129_000, 135_000]);
    h.cameraStopped('cam-1');
    await settle();
    expect([one.stopped, opened[0].closed, two.stopped]).toEqual([true, true, false]);
    await h.close();
    expect(two.stopped).toBe(true);
  });

  it('waits in close() for stops already under way', async () => {
    let release: () => void = () => undefined;
    const h = hub({
      publish: 'boxes',
      burner: (_id, info, output) => {
        const burner = new FakeBurner(info, output);
        burner.stop = () => new Promise<void>((resolve) => (release = resolve));
        return burner;
      },
    });
    h.cameraStarted('cam-1', INFO);
    h.cameraStopped('cam-1');
    let closed = false;
    const closing = h.close().then(() => (closed = true));
    await settle();
    expect(closed).toBe(false);
    release();
    await closing;
    expect(closed).toBe(true);
  });

  it('refuses an unknown mode', () => {
    expect(() => hub({ publish: 'overlay' as never })).toThrow(/unknown MediaMTX publish mode "overlay"/);
  });
});

/** The real thing: camera H.264 → box burner (ffmpeg) → RTSP push → a server with MediaMTX's answers. */
describe('MediamtxLiveHub in boxes mode, end to end', () => {
  jest.setTimeout(20_000);
  let dir: string;
  let server: RecordedRtspServer;
  let hub: MediamtxLiveHub | null = null;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'argus-mtx-boxes-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await hub?.close();
    await server?.close();
  });

  it('publishes a re-encoded stream (its own parameter sets, keyframes first) and kills the burner when the camera stops', async () => {
    const clip = join(dir, 'camera.h264');
    await new Promise<void>((resolve, reject) =>
      execFile(anyFfmpeg(), ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=15', '-t', '3',
        '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p', '-bf', '0', '-g', '15', '-f', 'h264', clip],
      (error) => (error ? reject(error) : resolve())),
    );
    const units = groupAccessUnits(splitAnnexB(new Uint8Array(readFileSync(clip))));
    const cameraSps = findNal(units[0], NalType.Sps) as Uint8Array;
    server = new RecordedRtspServer({ authorization: `Basic ${Buffer.from('argus-publisher:s3cret').toString('base64')}` });
    const port = await server.listen();
    const h = new MediamtxLiveHub({
      rtspUrl: `rtsp://127.0.0.1:${port}`,
      webrtcUrl: 'http://localhost:8889',
      publisher: { username: 'argus-publisher', password: 's3cret' },
      publish: 'boxes',
    });
    hub = h;
    // The real burner, watched through the factory the hub uses by default.
    const created = jest.spyOn(h as unknown as { createBurner: (...args: unknown[]) => BoxBurner }, 'createBurner');
    h.cameraStarted('cam-1', INFO);
    const burner = created.mock.results[0].value as BoxBurner;
    await eventually(() => burner.pid !== undefined, 5000, 'the burner to start');
    const pid = burner.pid as number;
    // Near real time: the push connects at the burner's first keyframe and starts at its next (1.5 s on).
    for (let i = 0; i < units.length; i++) {
      if (i % 3 === 0) h.detections('cam-1', { frameWidth: 320, frameHeight: 180, capturedAt: Date.now(), pts90k: i * 6000, boxes: [{ x: 100, y: 50, width: 60, height: 60, score: 0.9 }] });
      h.unit('cam-1', { data: toAnnexB(units[i]), pts90k: i * 6000, keyframe: isKeyframe(units[i]), receivedAt: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await eventually(() => server.units.length >= 5, 5000, 'pictures at the server');
    expect(h.isLive('cam-1')).toBe(true);

    const announce = server.requests.find((r) => r.method === 'ANNOUNCE');
    expect(announce?.url).toBe(`rtsp://127.0.0.1:${port}/cam-1`);
    const received = server.units;
    expect(received[0].nals.map(nalType)).toEqual(expect.arrayContaining([NalType.Sps, NalType.Pps, NalType.Idr]));
    const sps = findNal(received[0].nals, NalType.Sps) as Uint8Array;
    expect(Buffer.from(sps).equals(Buffer.from(cameraSps))).toBe(false);
    expect(parseSps(sps).profileIdc).toBe(66);
    expect(parseSps(cameraSps).profileIdc).toBe(77);
    expect(announce?.body).toContain(`sprop-parameter-sets=${Buffer.from(sps).toString('base64')},`);
    expect(received.every((u) => !u.damaged)).toBe(true);
    expect(burner.stats).toMatchObject({ written: units.length, dropped: 0, restarts: 0 });

    h.cameraStopped('cam-1');
    await h.close();
    expect(processGone(pid)).toBe(true);
    await eventually(() => server.requests[server.requests.length - 1].method === 'TEARDOWN', 2000, 'TEARDOWN');
  });
});
