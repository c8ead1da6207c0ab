import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { NalType, nalType } from '@argus/adapters/media/h264/nal-unit';
import { parseRtpPacket } from '../testing/rtp/rtp-packet';
import { loadClip, type FrameSent } from './rtsp-server';
import { RtspTestClient } from './rtsp-test-client.testing';
import { startCameraSimulator, type CameraSimulator } from './simulator';
import { testClips } from './test-clips.testing';

jest.setTimeout(30_000);

let simulator: CameraSimulator;
const clients: RtspTestClient[] = [];
const framesSent: FrameSent[] = [];

async function client(path = 'faces'): Promise<RtspTestClient> {
  const opened = await RtspTestClient.open(simulator.url(path));
  clients.push(opened);
  return opened;
}

beforeAll(async () => {
  const clips = await testClips();
  const faces = loadClip(clips.faces);
  // Eight frames from an IDR: loops every ~0.5 s, so a test sees several loops quickly.
  const short = { ...faces, frames: faces.frames.slice(0, 8) };
  simulator = await startCameraSimulator({
    paths: { faces: { clip: clips.faces }, empty: { clip: clips.empty }, short: { clip: short } },
    onFrameSent: (frame) => framesSent.push(frame),
  });
});

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

afterAll(() => simulator.stop());

describe('RTSP requests', () => {
  it('answers OPTIONS with the methods it implements', async () => {
    const reply = await (await client()).request('OPTIONS', simulator.url('faces'));
    expect(reply.status).toBe(200);
    expect(reply.headers['public']).toContain('GET_PARAMETER');
    expect(reply.headers['cseq']).toBe('1');
  });

  it('describes a path as one H.264 track with its parameter sets', async () => {
    const reply = await (await client()).request('DESCRIBE', simulator.url('faces'));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/sdp');
    expect(reply.headers['content-base']).toBe(`${simulator.url('faces')}/`);
    expect(reply.body).toContain('m=video 0 RTP/AVP 96\r\n');
    expect(reply.body).toContain('a=rtpmap:96 H264/90000\r\n');
    expect(reply.body).toMatch(/a=fmtp:96 packetization-mode=1;profile-level-id=4D40[0-9A-F]{2};sprop-parameter-sets=Z[\w+/=]+,aO[\w+/=]+\r\n/);
    expect(reply.body).toContain('a=control:trackID=0');
  });

  it('answers 404 for an unknown path, 461 for multicast and 454 for PLAY without a session', async () => {
    const c = await client();
    expect((await c.request('DESCRIBE', simulator.url('faces').replace('/faces', '/nope'))).status).toBe(404);
    const transport = { Transport: 'RTP/AVP;multicast;port=5000-5001' };
    expect((await c.request('SETUP', `${simulator.url('faces')}/trackID=0`, transport)).status).toBe(461);
    expect((await c.request('PLAY', simulator.url('faces'))).status).toBe(454);
    expect((await c.request('RECORD', simulator.url('faces'))).status).toBe(501);
  });
});

describe('playing over interleaved TCP', () => {
  it('sends the clip in real time, starting with SPS, PPS and an IDR', async () => {
    const c = await client();
    const play = await c.play(simulator.url('faces'));
    expect(play.status).toBe(200);
    expect(play.headers['rtp-info']).toMatch(/^url=rtsp:\/\/127\.0\.0\.1:\d+\/faces\/trackID=0;seq=\d+;rtptime=\d+$/);
    const started = Date.now();
    await c.waitFor(() => c.units.length >= 16);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThan(600); // 15 fps: 16 frames can't arrive at once
    expect(elapsed).toBeLessThan(4000);
    expect(c.units[0].nals.slice(0, 2).map(nalType)).toEqual([NalType.Sps, NalType.Pps]);
    expect(c.units[0].keyframe).toBe(true);
    expect(c.units.every((u) => !u.damaged)).toBe(true);
    expect(Number(/rtptime=(\d+)/.exec(play.headers['rtp-info'])?.[1])).toBe(c.units[0].timestamp);
    expect(c.rtcpPackets).toBeGreaterThan(0); // a sender report ties RTP time to the wall clock
  });

  it('keeps the 90 kHz timestamps rising across loops and repeats SPS/PPS before each IDR', async () => {
    const c = await client('short');
    await c.play(simulator.url('short'));
    await c.waitFor(() => c.units.length >= 20);
    const steps = c.rtpTimestamps.slice(1, 20).map((t, i) => (t - c.rtpTimestamps[i] + 2 ** 32) % 2 ** 32);
    expect(new Set(steps)).toEqual(new Set([6000]));
    const keyframes = c.units.slice(0, 20).flatMap((u, i) => (u.keyframe ? [i] : []));
    expect(keyframes).toEqual([0, 8, 16]);
    for (const i of keyframes) expect(c.units[i].nals.slice(0, 2).map(nalType)).toEqual([NalType.Sps, NalType.Pps]);
  });

  it('reports each frame sent with its clip index, loop and RTP timestamp', async () => {
    const c = await client('short');
    await c.play(simulator.url('short'));
    await c.waitFor(() => c.units.length >= 10);
    const session = framesSent.filter((f) => f.path === 'short' && f.rtpTimestamp === c.rtpTimestamps[0])[0].sessionId;
    const mine = framesSent.filter((f) => f.sessionId === session).slice(0, 10);
    expect(mine.map((f) => [f.frameIndex, f.loop])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0, 1].map((n, i) => [n, i < 8 ? 0 : 1]));
    expect(mine.map((f) => f.rtpTimestamp)).toEqual(c.rtpTimestamps.slice(0, 10));
    expect(mine[9].sentAt - mine[0].sentAt).toBeGreaterThan(300);
  });

  it('stops on PAUSE and resumes at a keyframe on PLAY', async () => {
    const c = await client('short');
    await c.play(simulator.url('short'));
    await c.waitFor(() => c.units.length >= 3);
    expect((await c.request('PAUSE', simulator.url('short'))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const paused = c.units.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(c.units.length).toBe(paused);
    await c.request('PLAY', simulator.url('short'));
    await c.waitFor(() => c.units.length > paused);
    expect(c.units[paused].keyframe).toBe(true);
  });

  it('ends the session on TEARDOWN and counts sessions in stats()', async () => {
    const c = await client('empty');
    await c.play(simulator.url('empty'));
    await c.waitFor(() => c.units.length >= 1);
    expect(simulator.stats().paths['empty']).toMatchObject({ sessions: 1, playing: 1, connections: 1 });
    expect((await c.request('TEARDOWN', simulator.url('empty'))).status).toBe(200);
    expect(simulator.stats().paths['empty']).toMatchObject({ sessions: 0, playing: 0 });
    const count = c.units.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(c.units.length).toBeLessThanOrEqual(count + 1);
    expect(simulator.stats().paths['empty'].framesSent).toBeGreaterThan(0);
  });
});

describe('playing over UDP', () => {
  it('sends RTP from an even/odd server port pair to the client ports', async () => {
    const rtp = createSocket('udp4');
    await new Promise<void>((resolve) => rtp.bind(0, '127.0.0.1', resolve));
    const packets: number[] = [];
    rtp.on('message', (data) => packets.push(parseRtpPacket(new Uint8Array(data))?.payloadType ?? -1));
    try {
      const c = await client();
      const port = rtp.address().port;
      const setup = await c.request('SETUP', `${simulator.url('faces')}/trackID=0`, { Transport: `RTP/AVP;unicast;client_port=${port}-${port + 1}` });
      expect(setup.status).toBe(200);
      const serverPorts = /server_port=(\d+)-(\d+)/.exec(setup.headers['transport']);
      expect(Number(serverPorts?.[1]) % 2).toBe(0);
      expect(Number(serverPorts?.[2])).toBe(Number(serverPorts?.[1]) + 1);
      const play = await c.request('PLAY', `${simulator.url('faces')}/`, { Session: setup.headers['session'].split(';')[0] });
      expect(play.status).toBe(200);
      await c.waitFor(() => packets.length >= 20);
      expect(new Set(packets)).toEqual(new Set([96]));
    } finally {
      rtp.close();
    }
  });
});

describe('authentication', () => {
  const credentials = { username: 'admin', password: 's3cret' };
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');

  it('challenges with Digest and Basic and accepts either', async () => {
    const clips = await testClips();
    const secured = await startCameraSimulator({ paths: { cam: { clip: clips.empty } }, auth: credentials });
    try {
      const url = secured.url('cam');
      const c = await RtspTestClient.open(url);
      clients.push(c);
      expect((await c.request('OPTIONS', url)).status).toBe(200);
      const challenge = await c.request('DESCRIBE', url);
      expect(challenge.status).toBe(401);
      const basic = `Basic ${Buffer.from('admin:s3cret').toString('base64')}`;
      expect((await c.request('DESCRIBE', url, { Authorization: basic })).status).toBe(200);
      expect((await c.request('DESCRIBE', url, { Authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` })).status).toBe(401);
      const nonce = /nonce="(\w+)"/.exec(challenge.headers['www-authenticate'])?.[1];
      const realm = 'Argus camera simulator';
      const response = md5(`${md5(`admin:${realm}:s3cret`)}:${nonce}:${md5(`DESCRIBE:${url}`)}`);
      const digest = `Digest username="admin", realm="${realm}", nonce="${nonce}", uri="${url}", response="${response}"`;
      expect((await c.request('DESCRIBE', url, { Authorization: digest })).status).toBe(200);
      expect(secured.url('cam', credentials)).toBe(url.replace('rtsp://', 'rtsp://admin:s3cret@'));
    } finally {
      await secured.stop();
    }
  });
});

describe('session time-out', () => {
  it('closes an interleaved session whose client stays silent', async () => {
    const clips = await testClips();
    const strict = await startCameraSimulator({ paths: { cam: { clip: clips.empty } }, sessionTimeoutS: 1 });
    try {
      const c = await RtspTestClient.open(strict.url('cam'));
      clients.push(c);
      const play = await c.play(strict.url('cam'));
      expect(play.headers['session']).toMatch(/;timeout=1$/);
      const started = Date.now();
      await c.closed;
      expect(Date.now() - started).toBeLessThan(5000);
      expect(strict.stats().paths['cam'].sessions).toBe(0);
    } finally {
      await strict.stop();
    }
  });
});
