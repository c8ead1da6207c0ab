import { RtspTestClient } from './rtsp-test-client.testing';
import { startCameraSimulator, type CameraSimulator } from './simulator';
import { testClips } from './test-clips.testing';

jest.setTimeout(30_000);

const PATH = 'cam';
let simulator: CameraSimulator;
const clients: RtspTestClient[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function client(): Promise<RtspTestClient> {
  const opened = await RtspTestClient.open(simulator.url(PATH));
  clients.push(opened);
  return opened;
}

async function playing(): Promise<RtspTestClient> {
  const c = await client();
  expect((await c.play(simulator.url(PATH))).status).toBe(200);
  await c.waitFor(() => c.units.length >= 2);
  return c;
}

beforeAll(async () => {
  const clips = await testClips();
  simulator = await startCameraSimulator({ paths: { [PATH]: { clip: clips.faces }, other: { clip: clips.empty } } });
});

afterEach(() => {
  simulator.setFault(PATH, {});
  for (const c of clients.splice(0)) c.close();
});

afterAll(() => simulator.stop());

describe('fault injection', () => {
  it('refuse: answers 503 to every request for the path', async () => {
    simulator.setFault(PATH, { refuse: true });
    const c = await client();
    expect((await c.request('DESCRIBE', simulator.url(PATH))).status).toBe(503);
    expect(simulator.stats().paths[PATH].refused).toBeGreaterThan(0);
  });

  it("refuse 'reset': closes the connection without an answer", async () => {
    simulator.setFault(PATH, { refuse: 'reset' });
    const c = await client();
    await expect(c.request('DESCRIBE', simulator.url(PATH))).rejects.toThrow('connection closed');
  });

  it('dropAfterMs: cuts a playing client after the delay', async () => {
    simulator.setFault(PATH, { dropAfterMs: 700 });
    const c = await playing();
    const before = simulator.stats().paths[PATH].dropped;
    await c.closed;
    expect(simulator.stats().paths[PATH].dropped).toBe(before + 1);
    expect(c.units.length).toBeLessThan(40);
  });

  it('dropAfterMs set while a client plays cuts it too', async () => {
    const c = await playing();
    simulator.setFault(PATH, { dropAfterMs: 0 });
    await c.closed;
  });

  it('stall: keeps the connection and answers requests but sends no packets, then resumes at a keyframe', async () => {
    const c = await playing();
    simulator.setFault(PATH, { stall: true });
    await sleep(200);
    const stalled = c.rtpPackets;
    await sleep(800);
    expect(c.rtpPackets).toBe(stalled);
    expect((await c.request('GET_PARAMETER', simulator.url(PATH))).status).toBe(200);
    expect(c.isClosed).toBe(false);
    const units = c.units.length;
    simulator.setFault(PATH, {});
    await c.waitFor(() => c.units.length > units, 3000);
    expect(c.units[units].keyframe).toBe(true);
    expect(simulator.stats().paths[PATH].framesHeld).toBeGreaterThan(0);
  });

  it('down(ms): cuts clients, closes new connections unanswered, and comes back', async () => {
    const c = await playing();
    simulator.down(PATH, 800);
    await c.closed;
    const during = await client();
    await expect(during.request('DESCRIBE', simulator.url(PATH))).rejects.toThrow('connection closed');
    await sleep(900);
    const after = await playing();
    expect(after.units[0].keyframe).toBe(true);
  });

  it('down()/up(): another path keeps working while one is down', async () => {
    simulator.down(PATH);
    const other = await RtspTestClient.open(simulator.url('other'));
    clients.push(other);
    expect((await other.play(simulator.url('other'))).status).toBe(200);
    simulator.up(PATH);
    await playing();
  });

  it("garbage 'rtsp': answers with bytes that are not RTSP and closes", async () => {
    simulator.setFault(PATH, { garbage: 'rtsp' });
    const c = await client();
    await expect(c.request('OPTIONS', simulator.url(PATH))).rejects.toThrow('connection closed');
    expect(c.junkBytes).toBeGreaterThan(0);
  });

  it("garbage 'rtp': keeps the interleaved framing but sends corrupted packets", async () => {
    const c = await playing();
    simulator.setFault(PATH, { garbage: 'rtp' });
    await c.waitFor(() => c.invalidRtp > 0, 3000);
    expect(c.isClosed).toBe(false);
  });

  it('setFault on an unknown path throws', () => {
    expect(() => simulator.setFault('nope', { stall: true })).toThrow('no path "nope"');
  });
});
