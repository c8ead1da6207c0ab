import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NalType, groupAccessUnits, nalType, splitAnnexB } from '../h264';
import { MAIN_360P_PPS, MAIN_360P_SPS, sliceNal } from '@argus/tools/testing/media/h264-samples';
import { ffmpegFromEnvironment } from '@argus/tools/camera-sim/ffmpeg-path';
import { demuxAll, makeTestClip } from '@argus/tools/testing/media/test-clip';
import { RecordedRtspServer } from '@argus/tools/testing/media/recorded-rtsp-server';
import { RtspAuthError, RtspPublisher } from './rtsp-publisher';

const BASIC = `Basic ${Buffer.from('argus-publisher:s3cret').toString('base64')}`;

function syntheticUnit(i: number): Uint8Array[] {
  return i % 10 === 0 ? [MAIN_360P_SPS, MAIN_360P_PPS, sliceNal(5, 0, 3000, 0x41)] : [sliceNal(1, 0, 400, 0x42)];
}

describe('RtspPublisher against the recorded MediaMTX exchange', () => {
  let server: RecordedRtspServer;
  afterEach(() => server.close());

  it('announces, sets up interleaved TCP, records, streams the units and tears down', async () => {
    server = new RecordedRtspServer({ authorization: BASIC });
    const port = await server.listen();
    const publisher = await RtspPublisher.open(`rtsp://argus-publisher:s3cret@127.0.0.1:${port}/cam-1`, MAIN_360P_SPS, MAIN_360P_PPS);
    const start = Date.now();
    for (let i = 0; i < 20; i++) expect(publisher.send(syntheticUnit(i), 9000 + i * 6000, i % 10 === 0, start + i * 66)).toBe(true);
    await publisher.close();
    await new Promise((resolve) => setTimeout(resolve, 50));

    const [options, announce, setup, record, teardown] = server.requests;
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `OPTIONS rtsp://127.0.0.1:${port}/cam-1`,
      `ANNOUNCE rtsp://127.0.0.1:${port}/cam-1`,
      `SETUP rtsp://127.0.0.1:${port}/cam-1/streamid=0`,
      `RECORD rtsp://127.0.0.1:${port}/cam-1`,
      `TEARDOWN rtsp://127.0.0.1:${port}/cam-1`,
    ]);
    expect(options.headers['authorization']).toBe(BASIC);
    expect(announce.headers['content-type']).toBe('application/sdp');
    expect(announce.body).toMatch(/a=fmtp:96 packetization-mode=1;profile-level-id=4D4016;sprop-parameter-sets=[A-Za-z0-9+/=]+,[A-Za-z0-9+/=]+\r\n/);
    expect(announce.body).toContain('a=control:streamid=0');
    expect(setup.headers['transport']).toBe('RTP/AVP/TCP;unicast;interleaved=0-1;mode=record');
    expect(record.headers['session']).toBe('9f2ac1d4');
    expect(teardown.headers['session']).toBe('9f2ac1d4');
    expect(server.units.map((u) => u.timestamp)).toEqual(Array.from({ length: 20 }, (_, i) => 9000 + i * 6000));
    expect(server.units[0].nals.map(nalType)).toEqual([NalType.Sps, NalType.Pps, NalType.Idr]);
    expect(server.units.every((u) => !u.damaged)).toBe(true);
    expect(server.reports[0]).toMatchObject({ rtpTimestamp: 9000, wallClockMs: start });
  });

  it('fails with RtspAuthError when MediaMTX (its auth hook) refuses', async () => {
    server = new RecordedRtspServer({ refuse: true });
    const port = await server.listen();
    await expect(RtspPublisher.open(`rtsp://argus-publisher:wrong@127.0.0.1:${port}/cam-1`, MAIN_360P_SPS, MAIN_360P_PPS)).rejects.toThrow(RtspAuthError);
  });

  it('reports the server going away', async () => {
    server = new RecordedRtspServer();
    const port = await server.listen();
    const publisher = await RtspPublisher.open(`rtsp://127.0.0.1:${port}/cam-1`, MAIN_360P_SPS, MAIN_360P_PPS);
    const closed = new Promise<string>((resolve) => publisher.onClosed(resolve));
    await server.close();
    expect(await closed).toMatch(/closed the connection|connection error/);
    expect(publisher.send(syntheticUnit(0), 0, true, Date.now())).toBe(false);
  });
});

/** ffmpeg in RTSP listen mode is an independent server implementation that records what it is sent. */
describe('RtspPublisher against ffmpeg (-rtsp_flags listen)', () => {
  const ffmpeg = ffmpegFromEnvironment();
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'argus-rtsp-push-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function freePort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    return port;
  }

  async function openWhenListening(url: string, sps: Uint8Array, pps: Uint8Array): Promise<RtspPublisher> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await RtspPublisher.open(url, sps, pps);
      } catch (error) {
        if (attempt > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  it('pushes a real H.264 clip that ffmpeg receives whole and decodes', async () => {
    const units = demuxAll(await makeTestClip(ffmpeg, { width: 320, height: 240, fps: 10, seconds: 2, gop: 10 }));
    const nalsOf = units.map((u) => splitAnnexB(u.data).filter((nal) => nalType(nal) !== NalType.Aud));
    const sps = nalsOf[0].find((nal) => nalType(nal) === NalType.Sps) as Uint8Array;
    const pps = nalsOf[0].find((nal) => nalType(nal) === NalType.Pps) as Uint8Array;
    const port = await freePort();
    const out = join(dir, 'received.h264');
    const listener = spawn(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-rtsp_flags', 'listen', '-i', `rtsp://127.0.0.1:${port}/cam`, '-c', 'copy', '-f', 'h264', '-y', out]);
    const exited = new Promise<number | null>((resolve) => listener.once('exit', resolve));
    try {
      const publisher = await openWhenListening(`rtsp://127.0.0.1:${port}/cam`, sps, pps);
      units.forEach((u, i) => publisher.send(nalsOf[i], u.pts90k, i % 10 === 0, Date.now()));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await publisher.close();
      expect(await exited).toBe(0);
    } finally {
      listener.kill('SIGKILL');
    }
    const received = groupAccessUnits(splitAnnexB(new Uint8Array(readFileSync(out))));
    expect(received.length).toBe(units.length);
    const decoded = await new Promise<string>((resolve, reject) =>
      execFile(ffmpeg, ['-v', 'error', '-i', out, '-f', 'framemd5', '-'], (error, stdout, stderr) => (error || stderr ? reject(error ?? new Error(stderr)) : resolve(stdout))),
    );
    expect(decoded.split('\n').filter((line) => line && !line.startsWith('#'))).toHaveLength(units.length);
  });
});
