import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@argus/domain';
import { capabilitiesOf, FfmpegBinary } from './ffmpeg-binary';
import { FfmpegCameraFeedConnector } from './ffmpeg-camera-feed';
import { feedArgs, RTSP_PROTOCOL_WHITELIST } from './feed-args';
import { testedFfmpegBinaries } from '@argus/tools/testing/media/ffmpeg-binaries';

const FFMPEG_5 = capabilitiesOf({ major: 59, minor: 27 });
const FFMPEG_4 = capabilitiesOf({ major: 58, minor: 24 });
const URL = 'rtsp://admin:s3cret@192.168.1.20:554/Streaming/Channels/101';
const spec = (url = URL, transport: 'tcp' | 'udp' = 'tcp') => ({ cameraId: 'cam-1', url, transport });
const options = { transcode: false, ioTimeoutMs: 10_000 };

/** Options and protocol tricks that must never reach ffmpeg. */
const HOSTILE_URLS = [
  'file:///etc/passwd',
  'concat:rtsp://a/1|file:///etc/passwd',
  'subfile,,start,0,end,100,,:/etc/passwd',
  'async:rtsp://cam/stream',
  'tcp://cam:554',
  'http://cam/stream.mjpeg',
  'pipe:0',
  '-i',
  '-f lavfi -i testsrc',
  'rtsp://cam/stream -i file:///etc/passwd',
  'rtsp://cam/stream\n-i',
  'rtsp://-iexploit/stream',
  '',
];

describe('feedArgs', () => {
  it('builds the copy pull for ffmpeg ≥ 5 (-timeout in µs)', () => {
    expect(feedArgs(spec(), FFMPEG_5, options)).toEqual([
      '-hide_banner', '-loglevel', 'error', '-nostdin',
      '-protocol_whitelist', 'rtsp,rtsps,tcp,udp,tls,rtp',
      '-rtsp_transport', 'tcp', '-timeout', '10000000',
      '-fflags', '+genpts+discardcorrupt', '-analyzeduration', '0', '-probesize', '32',
      '-f', 'rtsp', '-i', URL,
      '-map', '0:v:0', '-c:v', 'copy',
      '-f', 'mpegts', '-muxdelay', '0', '-muxpreload', '0', '-flush_packets', '1', '-omit_video_pes_length', '0',
      'pipe:1',
    ]);
  });

  it('uses -stimeout on 4.x, where -timeout means "listen"', () => {
    const args = feedArgs(spec(URL, 'udp'), FFMPEG_4, { transcode: false, ioTimeoutMs: 5000 });
    expect(args).toContain('-stimeout');
    expect(args).not.toContain('-timeout');
    expect(args[args.indexOf('-stimeout') + 1]).toBe('5000000');
    expect(args[args.indexOf('-rtsp_transport') + 1]).toBe('udp');
  });

  it('transcodes once to low-latency H.264 when asked', () => {
    const args = feedArgs(spec(), FFMPEG_5, { transcode: true, ioTimeoutMs: 10_000 });
    const codec = args.slice(args.indexOf('-c:v'), args.indexOf('-f', args.indexOf('-c:v')));
    expect(codec).toEqual([
      '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-bf', '0', '-pix_fmt', 'yuv420p',
      '-force_key_frames', 'expr:gte(t,n_forced*2)',
    ]);
  });

  it('puts the URL, and only the URL, after -i, as an RTSP input behind a protocol whitelist', () => {
    const args = feedArgs(spec('rtsps://cam.example/live'), FFMPEG_5, options);
    expect(args.filter((a) => a === '-i')).toHaveLength(1);
    expect(args.slice(args.indexOf('-i') - 2, args.indexOf('-i') + 2)).toEqual(['-f', 'rtsp', '-i', 'rtsps://cam.example/live']);
    expect(args.indexOf('-protocol_whitelist')).toBeLessThan(args.indexOf('-i'));
    expect(RTSP_PROTOCOL_WHITELIST.split(',')).not.toContain('file');
  });

  it.each(HOSTILE_URLS)('refuses %j', (url) => {
    expect(() => feedArgs(spec(url), FFMPEG_5, options)).toThrow(ValidationError);
  });
});

describe('FfmpegCameraFeedConnector and hostile URLs', () => {
  let dir: string;
  let record: string;
  let binary: FfmpegBinary;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'argus-feed-'));
    record = join(dir, 'spawned');
    // Stands in for ffmpeg: records its arguments, complains the way ffmpeg does, fails.
    const script = join(dir, 'ffmpeg');
    writeFileSync(
      script,
      `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n` +
        `echo "[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized" >&2\n` +
        `echo "${URL}: Server returned 401 Unauthorized (authorization failed)" >&2\nexit 1\n`,
    );
    chmodSync(script, 0o755);
    binary = { path: script, version: 'fake', libavformat: { major: 59, minor: 27 }, capabilities: FFMPEG_5 };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (url: string) =>
    new Promise<string | null>((resolve) => {
      new FfmpegCameraFeedConnector({ binary: async () => binary }).connect(spec(url), {
        info: () => undefined,
        unit: () => undefined,
        ended: resolve,
      });
    });

  it.each(HOSTILE_URLS)('never spawns ffmpeg for %j', async (url) => {
    const reason = await run(url);
    expect(reason).toMatch(/cannot start the camera feed: rtspUrl/);
    expect(existsSync(record)).toBe(false);
  });

  it('spawns a valid URL as one argument and masks its password in the reason', async () => {
    const reason = await run(URL);
    const args = readFileSync(record, 'utf8').trimEnd().split('\n');
    expect(args).toEqual(feedArgs(spec(), FFMPEG_5, options));
    expect(reason).toContain('401 Unauthorized');
    expect(reason).toContain('rtsp://admin:***@192.168.1.20');
    expect(reason).not.toContain('s3cret');
  });
});

describe.each(testedFfmpegBinaries())('the protocol whitelist in %s', (path) => {
  it('is an option this ffmpeg knows, and it refuses files', async () => {
    const stderr = await new Promise<string>((resolve) => {
      const args = ['-hide_banner', '-protocol_whitelist', RTSP_PROTOCOL_WHITELIST, '-i', 'file:/etc/hostname', '-f', 'null', '-'];
      execFile(path, args, (_error, _stdout, err) => resolve(err));
    });
    expect(stderr).toMatch(/not on whitelist/);
  });
});
