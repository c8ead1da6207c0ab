import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  capabilitiesOf,
  locateFfmpeg,
  packagedFfmpeg,
  parseFfmpegVersion,
  probeFfmpeg,
  resolveFfmpegBinary,
} from './ffmpeg-binary';
import { testedFfmpegBinaries } from '@argus/tools/testing/media/ffmpeg-binaries';

const DEBIAN_51 = `ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers
built with gcc 12 (Debian 12.2.0-14+deb12u1)
libavutil      57. 28.100 / 57. 28.100
libavformat    59. 27.100 / 59. 27.100`;
const STATIC_41 = `ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2018
libavformat    58. 24.100 / 58. 24.100`;

describe('parseFfmpegVersion', () => {
  it('reads the release and libavformat of a Debian build', () => {
    expect(parseFfmpegVersion(DEBIAN_51)).toEqual({ version: '5.1.9-0+deb12u1', libavformat: { major: 59, minor: 27 } });
  });

  it('relies on libavformat when the version is a git build id (the packaged 4.1)', () => {
    expect(parseFfmpegVersion(STATIC_41)).toEqual({
      version: 'N-47683-g0e8eb07980-static',
      libavformat: { major: 58, minor: 24 },
    });
  });

  it('maps a release to its libavformat when the library line is missing', () => {
    expect(parseFfmpegVersion('ffmpeg version 7.1.1 Copyright').libavformat).toEqual({ major: 61, minor: 0 });
    expect(parseFfmpegVersion('ffmpeg version n4.4.2').libavformat).toEqual({ major: 58, minor: 0 });
    expect(parseFfmpegVersion('ffmpeg version 5.0.1').libavformat).toEqual({ major: 59, minor: 0 });
    expect(parseFfmpegVersion('ffmpeg version 5.1.2').libavformat).toEqual({ major: 59, minor: 27 });
  });

  it('rejects what it cannot date', () => {
    expect(() => parseFfmpegVersion('avconv version 12')).toThrow();
    expect(() => parseFfmpegVersion('ffmpeg version N-1234-gabc')).toThrow(/libavformat/);
  });
});

describe('capabilitiesOf', () => {
  it('uses -stimeout and -vsync on 4.x, where -timeout would make RTSP listen', () => {
    expect(capabilitiesOf({ major: 58, minor: 24 })).toEqual({
      rtspTimeoutOption: '-stimeout',
      passthroughArgs: ['-vsync', 'passthrough'],
    });
  });

  it('uses -timeout from 5.0 and -fps_mode from 5.1', () => {
    expect(capabilitiesOf({ major: 59, minor: 16 })).toEqual({
      rtspTimeoutOption: '-timeout',
      passthroughArgs: ['-vsync', 'passthrough'],
    });
    expect(capabilitiesOf({ major: 59, minor: 27 }).passthroughArgs).toEqual(['-fps_mode', 'passthrough']);
    expect(capabilitiesOf({ major: 61, minor: 1 }).passthroughArgs).toEqual(['-fps_mode', 'passthrough']);
  });
});

describe('locateFfmpeg', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'argus-bin-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers FFMPEG_PATH', () => {
    expect(locateFfmpeg('/opt/ffmpeg/bin/ffmpeg', '/usr/bin')).toBe('/opt/ffmpeg/bin/ffmpeg');
  });

  it('then an executable ffmpeg on PATH', () => {
    const fake = join(dir, 'ffmpeg');
    writeFileSync(fake, '#!/bin/sh\n');
    expect(locateFfmpeg(null, dir)).not.toBe(fake); // not executable yet
    chmodSync(fake, 0o755);
    expect(locateFfmpeg(undefined, `/nonexistent:${dir}`)).toBe(fake);
  });

  it('searches no PATH unless given one', () => {
    const fake = join(dir, 'ffmpeg');
    writeFileSync(fake, '#!/bin/sh\n', { mode: 0o755 });
    expect(locateFfmpeg(null)).toBe(packagedFfmpeg());
  });

  it('then the packaged binary', () => {
    const packaged = packagedFfmpeg();
    expect(packaged).toMatch(/@ffmpeg-installer\/linux-x64\/ffmpeg$/);
    expect(locateFfmpeg(null, dir)).toBe(packaged);
  });
});

describe.each(testedFfmpegBinaries())('probeFfmpeg %s', (path) => {
  it('detects the version and the matching options', async () => {
    const binary = await probeFfmpeg(path);
    expect(binary.path).toBe(path);
    if (binary.libavformat.major >= 59) expect(binary.capabilities.rtspTimeoutOption).toBe('-timeout');
    else expect(binary.capabilities.rtspTimeoutOption).toBe('-stimeout');
  });
});

describe('probing', () => {
  it('tells the packaged 4.1 apart', async () => {
    const binary = await probeFfmpeg(packagedFfmpeg() as string);
    expect(binary.libavformat.major).toBe(58);
    expect(binary.capabilities.rtspTimeoutOption).toBe('-stimeout');
  });

  it('fails for a missing binary', async () => {
    await expect(probeFfmpeg('/nonexistent/ffmpeg')).rejects.toThrow(/cannot run ffmpeg/);
  });

  it('resolves once per binary and retries after a failure', async () => {
    const env = { ffmpegPath: packagedFfmpeg() as string };
    const first = resolveFfmpegBinary(env);
    expect(resolveFfmpegBinary(env)).toBe(first);
    await first;
    const missing = { ffmpegPath: '/nonexistent/ffmpeg' };
    const failed = resolveFfmpegBinary(missing);
    await expect(failed).rejects.toThrow();
    const retried = resolveFfmpegBinary(missing);
    expect(retried).not.toBe(failed);
    await expect(retried).rejects.toThrow();
  });
});
