import type { EncodedVideoUnit } from '@argus/domain';
import { NalType, nalType, toAnnexB } from '../h264';
import { MAIN_360P_PPS, MAIN_360P_SPS, sliceNal } from '@argus/tools/testing/media/h264-samples';
import { CameraNotLiveError, InvalidOfferError, TooManyViewersError } from './live-errors';
import { WhepGateway } from './whep-gateway';
import { WhepTestClient } from '@argus/tools/testing/media/whep-test-client';

const CAMERA = 'cam-1';
const INFO = { codec: 'h264' as const, width: 640, height: 360, transcoded: false };
const FRAME_TICKS = 6000; // 15 fps on the 90 kHz clock

/** Unit `i` of a synthetic Main-profile stream with a keyframe every `gop` units; IDRs need FU-A. */
function unit(i: number, gop = 15, parameterSets = true): EncodedVideoUnit {
  const key = i % gop === 0;
  const nals = key
    ? [...(parameterSets ? [MAIN_360P_SPS, MAIN_360P_PPS] : []), sliceNal(5, 0, 4000, 0x40 | (i & 0x3f))]
    : [sliceNal(1, 0, 700, 0x40 | (i & 0x3f))];
  return { data: toAnnexB(nals), pts90k: 1000 + i * FRAME_TICKS, keyframe: key, receivedAt: Date.now() };
}

describe('WhepGateway (werift viewer in Node)', () => {
  let gateway: WhepGateway;
  const clients: WhepTestClient[] = [];

  async function connect(ownerId = 'user-1'): Promise<{ client: WhepTestClient; sessionId: string }> {
    const client = new WhepTestClient();
    clients.push(client);
    const { session, answerSdp } = await gateway.openViewer(CAMERA, await client.offer(), ownerId);
    await client.accept(answerSdp);
    return { client, sessionId: session.sessionId };
  }

  beforeEach(() => {
    gateway = new WhepGateway();
    gateway.cameraStarted(CAMERA, INFO);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await gateway.close();
  });

  it('gives a new viewer the GOP at once, the newest picture with its own timestamp, then live units', async () => {
    for (let i = 0; i < 10; i++) gateway.unit(CAMERA, unit(i));
    const { client } = await connect();
    const burst = await client.waitForUnits(10);
    expect(burst[0].keyframe).toBe(true);
    expect(burst[0].nals.map(nalType)).toEqual([NalType.Sps, NalType.Pps, NalType.Idr]);
    expect(burst[0].nals[2].length).toBe(4000); // rebuilt from FU-A fragments
    expect(burst[9].timestamp).toBe(1000 + 9 * FRAME_TICKS);
    expect(burst.slice(0, 10).every((u, i) => i === 0 || u.timestamp > burst[i - 1].timestamp)).toBe(true);
    for (let i = 10; i < 13; i++) gateway.unit(CAMERA, unit(i));
    const all = await client.waitForUnits(13);
    expect(all.slice(10).map((u) => u.timestamp)).toEqual([10, 11, 12].map((i) => 1000 + i * FRAME_TICKS));
    expect(all.every((u) => !u.damaged)).toBe(true);
  });

  it('answers with the payload type of the camera’s profile (Main)', async () => {
    gateway.unit(CAMERA, unit(0));
    const client = new WhepTestClient();
    clients.push(client);
    const offer = await client.offer();
    const mainPt = /a=fmtp:(\d+) [^\r\n]*profile-level-id=4d001f/.exec(offer)?.[1];
    const { answerSdp } = await gateway.openViewer(CAMERA, offer, 'user-1');
    expect(answerSdp).toMatch(new RegExp(`m=video \\d+ UDP/TLS/RTP/SAVPF ${mainPt}\\r\\n`));
    expect(answerSdp).toContain('a=sendonly');
    await client.accept(answerSdp);
    await client.waitForUnits(1);
    expect([...client.payloadTypes]).toEqual([Number(mainPt)]);
  });

  it('resends the GOP when the viewer asks for a keyframe, with timestamps moving forwards', async () => {
    for (let i = 0; i < 4; i++) gateway.unit(CAMERA, unit(i));
    const { client } = await connect();
    await client.waitForUnits(4);
    await client.requestKeyframe();
    const after = await client.waitForUnits(8);
    expect(after[4].keyframe).toBe(true);
    expect(after[4].timestamp).toBeGreaterThan(after[3].timestamp);
    gateway.unit(CAMERA, unit(4));
    const next = await client.waitForUnits(9);
    expect(next[8].timestamp).toBe(1000 + 4 * FRAME_TICKS);
  });

  it('answers a FIR like a PLI', async () => {
    gateway.unit(CAMERA, unit(0));
    const { client } = await connect();
    await client.waitForUnits(1);
    await client.requestFullIntra();
    const units = await client.waitForUnits(2);
    expect(units[1].keyframe).toBe(true);
  });

  it('puts the SPS/PPS seen earlier in front of a keyframe that lacks them', async () => {
    gateway.unit(CAMERA, unit(0, 2));
    gateway.unit(CAMERA, unit(1, 2));
    gateway.unit(CAMERA, unit(2, 2, false));
    const { client } = await connect();
    const [first] = await client.waitForUnits(1);
    expect(first.nals.map(nalType)).toEqual([NalType.Sps, NalType.Pps, NalType.Idr]);
  });

  it('holds a viewer on the keyframe when the GOP was too long to keep, until the next keyframe', async () => {
    gateway = new WhepGateway({ gop: { maxUnits: 2, maxBytes: 1 << 20 } });
    gateway.cameraStarted(CAMERA, INFO);
    for (let i = 0; i < 5; i++) gateway.unit(CAMERA, unit(i, 6));
    const { client } = await connect();
    await client.waitForUnits(1);
    gateway.unit(CAMERA, unit(5, 6)); // a P picture: held back
    gateway.unit(CAMERA, unit(6, 6)); // the next keyframe: live from here
    const units = await client.waitForUnits(2);
    expect(units.map((u) => u.keyframe)).toEqual([true, true]);
    expect(units[1].timestamp).toBe(1000 + 6 * FRAME_TICKS);
  });

  it('ends sessions on DELETE and when the camera stops', async () => {
    gateway.unit(CAMERA, unit(0));
    const a = await connect('user-1');
    const b = await connect('user-2');
    expect(gateway.session(a.sessionId)).toEqual({ sessionId: a.sessionId, cameraId: CAMERA, ownerId: 'user-1' });
    expect(await gateway.closeViewer(a.sessionId)).toBe(true);
    expect(gateway.session(a.sessionId)).toBeNull();
    expect(await gateway.closeViewer(a.sessionId)).toBe(false);
    gateway.cameraStopped(CAMERA);
    await new Promise((resolve) => setImmediate(resolve));
    expect(gateway.session(b.sessionId)).toBeNull();
    expect(gateway.stats().viewers).toBe(0);
    expect(gateway.isLive(CAMERA)).toBe(false);
  });

  it('refuses offers it cannot serve', async () => {
    const client = new WhepTestClient();
    clients.push(client);
    const offer = await client.offer();
    await expect(gateway.openViewer(CAMERA, offer, 'u')).rejects.toThrow(CameraNotLiveError); // no keyframe yet
    await expect(gateway.openViewer('other', offer, 'u')).rejects.toThrow(CameraNotLiveError);
    gateway.unit(CAMERA, unit(0));
    const modeZeroOnly = new WhepTestClient(['packetization-mode=0;profile-level-id=42e01f']);
    clients.push(modeZeroOnly);
    await expect(gateway.openViewer(CAMERA, await modeZeroOnly.offer(), 'u')).rejects.toThrow(InvalidOfferError);
    await expect(gateway.openViewer(CAMERA, 'v=0\r\n', 'u')).rejects.toThrow(InvalidOfferError);
    expect(gateway.stats().viewers).toBe(0);
  });

  it('enforces the per-camera viewer limit', async () => {
    gateway = new WhepGateway({ maxViewersPerCamera: 1 });
    gateway.cameraStarted(CAMERA, INFO);
    gateway.unit(CAMERA, unit(0));
    await connect();
    const extra = new WhepTestClient();
    clients.push(extra);
    await expect(gateway.openViewer(CAMERA, await extra.offer(), 'u')).rejects.toThrow(TooManyViewersError);
  });
});
