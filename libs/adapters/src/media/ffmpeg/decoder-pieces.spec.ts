import { spawnSync } from 'node:child_process';
import { capabilitiesOf } from './ffmpeg-binary';
import { decoderArgs, decoderFilter } from './decoder-args';
import { DecoderTimeline } from './decoder-timeline';
import { exitReason, withoutCredentials } from './exit-reason';
import { isKeyframe, splitAnnexB } from '../h264';
import { FlvMuxer } from '../container';
import { FrameHeader, parseShowinfo, RawFrameReader } from './raw-frame-reader';
import { anyFfmpeg } from '@argus/tools/testing/media/ffmpeg-binaries';
import { demuxAll, makeTestClip } from '@argus/tools/testing/media/test-clip';

describe('DecoderTimeline', () => {
  it('starts at 0 ms and follows the PTS', () => {
    const timeline = new DecoderTimeline();
    expect([0, 3600, 7200, 10_800].map((step, i) => timeline.stamp(900_000 + step, 1000 + i))).toEqual([0, 40, 80, 120]);
  });

  it('carries on one usual step later across a jump back or a long jump forward', () => {
    const timeline = new DecoderTimeline();
    const stamps = [90_000, 99_000, 9000, 18_000, 18_000 + 90_000 * 3600].map((pts) => timeline.stamp(pts, 0));
    expect(stamps).toEqual([0, 100, 200, 300, 400]);
  });

  it('never repeats a timestamp', () => {
    const timeline = new DecoderTimeline();
    expect([0, 0, 45, 45].map((pts) => timeline.stamp(pts, 0))).toEqual([0, 100, 101, 102]);
  });

  it('finds the capture time of a decoded frame and forgets the units skipped before it', () => {
    const timeline = new DecoderTimeline();
    for (let i = 0; i < 5; i++) timeline.stamp(i * 9000, 5000 + i * 100);
    expect(timeline.take(200)).toEqual({ ms: 200, pts90k: 18_000, receivedAt: 5200 });
    expect(timeline.take(100)).toBeNull();
    expect(timeline.take(250)).toBeNull();
    expect(timeline.take(400)).toEqual({ ms: 400, pts90k: 36_000, receivedAt: 5400 });
  });
});

describe('RawFrameReader', () => {
  const line = (n: number, pts: number, size: string) =>
    `[Parsed_showinfo_3 @ 0x55d] [info] n:${String(n).padStart(4)} pts:${String(pts).padStart(7)} pts_time:0.1 pos: -1 fmt:rgb24 sar:1/1 s:${size} i:P iskey:0 type:P`;

  it('parses showinfo lines of both ffmpeg versions, and nothing else', () => {
    expect(parseShowinfo(line(12, 4500, '320x180'))).toEqual({ n: 12, pts: 4500, width: 320, height: 180 });
    expect(parseShowinfo('[Parsed_showinfo_3 @ 0x3] n:   0 pts:      0 pts_time:0 pos: 1 fmt:rgb24 s:2x2 i:P')).toEqual({
      n: 0, pts: 0, width: 2, height: 2,
    });
    expect(parseShowinfo('[Parsed_showinfo_3 @ 0x55d] [info] config in time_base: 1/1000, frame_rate: 10/1')).toBeNull();
    expect(parseShowinfo('[info] Stream mapping:')).toBeNull();
  });

  it('cuts frames by the size showinfo gives, whichever pipe speaks first', () => {
    const frames: [FrameHeader | null, number[]][] = [];
    const reader = new RawFrameReader((header, data) => frames.push([header, [...data]]));
    reader.data(Uint8Array.of(1, 2, 3, 4, 5));
    reader.header(parseShowinfo(line(0, 0, '1x2')) as FrameHeader);
    reader.data(Uint8Array.of(6, 7, 8));
    reader.header(parseShowinfo(line(1, 100, '1x1')) as FrameHeader);
    reader.data(Uint8Array.of(9, 10, 11, 12));
    expect(frames).toEqual([
      [{ n: 0, pts: 0, width: 1, height: 2 }, [1, 2, 3, 4, 5, 6]],
      [{ n: 1, pts: 100, width: 1, height: 1 }, [7, 8, 9]],
    ]);
  });

  it('skips the bytes of a frame whose showinfo line was lost instead of shifting the rest', () => {
    const frames: (FrameHeader | null)[] = [];
    const reader = new RawFrameReader((header) => frames.push(header));
    reader.header(parseShowinfo(line(0, 0, '1x1')) as FrameHeader);
    reader.header(parseShowinfo(line(2, 200, '1x1')) as FrameHeader);
    reader.data(new Uint8Array(9));
    expect(frames.map((h) => h?.pts ?? null)).toEqual([0, null, 200]);
  });
});

describe('decoderArgs', () => {
  it('samples by slot, scales to an even height and prints each frame', () => {
    expect(decoderFilter({ fps: 5, maxWidth: 640 })).toBe(
      "select='not(eq(floor(t*5)\\,floor(prev_selected_t*5)))',scale='min(iw\\,640)':-2:flags=bilinear,format=rgb24,showinfo=checksum=0",
    );
  });

  it('keeps frame timestamps with the option each version knows', () => {
    const spec = { cameraId: 'c', fps: 10, maxWidth: 320 };
    expect(decoderArgs(spec, capabilitiesOf({ major: 59, minor: 27 }))).toEqual([
      '-hide_banner', '-nostats', '-nostdin', '-loglevel', 'level+info', '-threads', '1',
      '-probesize', '32', '-analyzeduration', '0', '-f', 'flv', '-i', 'pipe:0', '-map', '0:v:0', '-copyts',
      '-vf', decoderFilter(spec), '-fps_mode', 'passthrough', '-threads', '1', '-f', 'rawvideo', 'pipe:1',
    ]);
    expect(decoderArgs(spec, capabilitiesOf({ major: 58, minor: 24 }))).toContain('-vsync');
  });

  it('refuses a non-positive FPS or width', () => {
    expect(() => decoderFilter({ fps: 0, maxWidth: 640 })).toThrow(RangeError);
    expect(() => decoderFilter({ fps: 5, maxWidth: Number.NaN })).toThrow(RangeError);
  });
});

describe('exitReason', () => {
  const url = 'rtsp://admin:p%40ss@cam/live';

  it('uses the last stderr lines, without the password in any form', () => {
    const lines = ['a', 'b', `${url}: Connection refused`, 'password p@ss rejected'];
    expect(exitReason({ code: 1, signal: null }, lines, url)).toBe(
      'b; rtsp://admin:***@cam/live: Connection refused; password *** rejected',
    );
  });

  it('drops ffmpeg\'s context and level prefixes', () => {
    const lines = ['[rtsp @ 0x55d5c0] [error] method DESCRIBE failed: 404 Not Found'];
    expect(exitReason({ code: 1, signal: null }, lines, url)).toBe('method DESCRIBE failed: 404 Not Found');
  });

  it('falls back on the exit status or the spawn error', () => {
    expect(exitReason({ code: 0, signal: null }, [], url, 'camera feed')).toBe('camera feed: the stream ended');
    expect(exitReason({ code: 1, signal: null }, [], url)).toBe('ffmpeg exited with code 1');
    expect(exitReason({ code: null, signal: 'SIGKILL' }, [], url)).toBe('ffmpeg was killed (SIGKILL)');
    const error = new Error('spawn /x/ffmpeg ENOENT');
    expect(exitReason({ code: null, signal: null, error }, [], url)).toBe('cannot start ffmpeg: spawn /x/ffmpeg ENOENT');
  });

  it('masks URLs of other cameras too', () => {
    expect(withoutCredentials('rtsp://u:other@h/x failed', url)).toBe('rtsp://u:***@h/x failed');
  });
});

describe('FlvMuxer', () => {
  it('writes FLV that ffmpeg decodes frame for frame', async () => {
    const units = demuxAll(await makeTestClip(anyFfmpeg(), { width: 160, height: 120, seconds: 1 }));
    const muxer = new FlvMuxer();
    const tags = units.map((u, i) => {
      const nals = splitAnnexB(u.data);
      return muxer.unit(nals, i * 100, isKeyframe(nals)) as Uint8Array;
    });
    const flv = Buffer.concat(tags);
    expect(flv.subarray(0, 3).toString()).toBe('FLV');
    const { stderr } = spawnSync(anyFfmpeg(), [
      '-hide_banner', '-f', 'flv', '-i', 'pipe:0', '-copyts', '-vf', 'showinfo', '-f', 'null', '-',
    ], { input: flv, encoding: 'utf8' });
    const frames = stderr.split('\n').map(parseShowinfo).filter((h) => h !== null);
    expect(frames.map((h) => h?.pts)).toEqual(units.map((_, i) => i * 100));
  });

  it('waits for parameter sets before writing anything', () => {
    const muxer = new FlvMuxer();
    expect(muxer.unit([Uint8Array.of(0x41, 0x9a)], 0, false)).toBeNull();
  });
});
