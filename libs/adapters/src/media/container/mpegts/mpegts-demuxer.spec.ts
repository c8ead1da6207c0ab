import { execFileSync } from 'node:child_process';
import { findNal, isKeyframe, NalType, parseSps, splitAnnexB } from '../../h264';
import { DemuxedUnit, MpegTsDemuxer, readTimestamp } from './mpegts-demuxer';
import { StreamType, TS_PACKET_SIZE } from './mpegts-psi';
import { anyFfmpeg } from '@argus/tools/testing/media/ffmpeg-binaries';
import { makeTestClip } from '@argus/tools/testing/media/test-clip';

const VIDEO_PID = 0x100; // ffmpeg's first elementary stream

function demux(chunks: Iterable<Uint8Array>) {
  const units: DemuxedUnit[] = [];
  const programs: number[] = [];
  const demuxer = new MpegTsDemuxer({ program: (p) => programs.push(p.streamType), unit: (u) => units.push(u) });
  for (const chunk of chunks) demuxer.push(chunk, 0);
  demuxer.flush();
  return { units, programs, stats: demuxer.stats };
}

function* packets(ts: Uint8Array) {
  for (let i = 0; i + TS_PACKET_SIZE <= ts.length; i += TS_PACKET_SIZE) yield ts.subarray(i, i + TS_PACKET_SIZE);
}

const pid = (packet: Uint8Array) => ((packet[1] & 0x1f) << 8) | packet[2];
const unitStart = (packet: Uint8Array) => (packet[1] & 0x40) !== 0;
const payloadOffset = (packet: Uint8Array) => (packet[3] & 0x20 ? 5 + packet[4] : 4);

/** Shifts every PES timestamp of the video stream by `offset` (mod 2^33), in place. */
function shiftPts(ts: Uint8Array, offset: number): void {
  for (const packet of packets(ts)) {
    if (pid(packet) !== VIDEO_PID || !unitStart(packet)) continue;
    const pes = payloadOffset(packet);
    for (const at of packet[pes + 7] & 0x40 ? [pes + 9, pes + 14] : [pes + 9]) {
      const value = (readTimestamp(packet, at) + offset) % 2 ** 33;
      const prefix = packet[at] >> 4;
      packet[at] = (prefix << 4) | (Math.floor(value / 2 ** 30) << 1) | 1;
      packet[at + 1] = Math.floor(value / 2 ** 22) & 0xff;
      packet[at + 2] = ((Math.floor(value / 2 ** 15) & 0x7f) << 1) | 1;
      packet[at + 3] = Math.floor(value / 2 ** 7) & 0xff;
      packet[at + 4] = ((value & 0x7f) << 1) | 1;
    }
  }
}

describe('MpegTsDemuxer', () => {
  let clip: Uint8Array;
  let reference: DemuxedUnit[];

  beforeAll(async () => {
    clip = await makeTestClip(anyFfmpeg(), { width: 320, height: 240, fps: 10, seconds: 2, gop: 10 });
    reference = demux([clip]).units;
  });

  it('finds the H.264 stream and yields one access unit per frame with its PTS', () => {
    const { units, programs, stats } = demux([clip]);
    expect(programs).toEqual([StreamType.H264]);
    expect(units).toHaveLength(20);
    expect(units.slice(1).map((u, i) => u.pts90k - units[i].pts90k)).toEqual(new Array(19).fill(9000));
    expect(units.map((u) => isKeyframe(splitAnnexB(u.data)))).toEqual(units.map((_, i) => i % 10 === 0));
    expect(stats).toMatchObject({ resyncs: 0, continuityErrors: 0, droppedUnits: 0 });
    const sps = findNal(splitAnnexB(units[0].data), NalType.Sps) as Uint8Array;
    expect(parseSps(sps)).toMatchObject({ width: 320, height: 240 });
  });

  it('gives the same units whatever the chunking', () => {
    const bytes = demux(Array.from(clip, (_, i) => clip.subarray(i, i + 1))).units;
    const odd: Uint8Array[] = [];
    for (let i = 0, size = 1; i < clip.length; i += size, size = (size * 7 + 3) % 1000) odd.push(clip.subarray(i, i + size));
    for (const units of [bytes, demux(odd).units]) {
      expect(units.map((u) => u.pts90k)).toEqual(reference.map((u) => u.pts90k));
      units.forEach((u, i) => expect(Buffer.compare(u.data, reference[i].data)).toBe(0));
    }
  });

  it('resyncs after garbage and never passes on a damaged unit', () => {
    const cut = TS_PACKET_SIZE * 200 + 17; // mid-packet: the packet it breaks is lost
    const garbage = Uint8Array.from({ length: 301 }, (_, i) => (i % 5 === 0 ? 0x47 : i & 0xff));
    const { units, stats } = demux([clip.subarray(0, cut), garbage, clip.subarray(cut)]);
    expect(stats.resyncs).toBeGreaterThan(0);
    expect(units.length).toBeGreaterThanOrEqual(reference.length - 2);
    for (const unit of units) {
      const original = reference.find((r) => r.pts90k === unit.pts90k) as DemuxedUnit;
      expect(Buffer.compare(unit.data, original.data)).toBe(0);
    }
  });

  it('drops the unit a lost packet breaks (continuity counter) and keeps the rest', () => {
    const all = [...packets(clip)];
    const victim = all.findIndex((p, i) => i > 100 && pid(p) === VIDEO_PID && !unitStart(p));
    const { units, stats } = demux(all.filter((_, i) => i !== victim));
    expect(stats.continuityErrors).toBe(1);
    expect(stats.droppedUnits).toBe(1);
    expect(units).toHaveLength(reference.length - 1);
  });

  it('keeps PTS increasing across the 33-bit wrap', () => {
    const wrapped = Uint8Array.from(clip);
    shiftPts(wrapped, 2 ** 33 - reference[0].pts90k - 5 * 9000);
    const { units } = demux([wrapped]);
    expect(units[0].pts90k).toBe(2 ** 33 - 5 * 9000);
    expect(units.slice(1).map((u, i) => u.pts90k - units[i].pts90k)).toEqual(new Array(19).fill(9000));
    expect(units[19].pts90k).toBeGreaterThan(2 ** 33);
  });

  it('hands a unit on as soon as its PES length is complete, without waiting for the next', () => {
    const ffmpeg = anyFfmpeg();
    const sized = execFileSync(ffmpeg, [
      '-hide_banner', '-loglevel', 'error', '-f', 'mpegts', '-i', 'pipe:0',
      '-c', 'copy', '-omit_video_pes_length', '0', '-f', 'mpegts', 'pipe:1',
    ], { input: clip });
    let count = 0;
    const demuxer = new MpegTsDemuxer({ program: () => undefined, unit: () => count++ });
    const early: boolean[] = [];
    for (const packet of packets(sized)) {
      const before = count;
      demuxer.push(packet, 0);
      if (count > before) early.push(!(pid(packet) === VIDEO_PID && unitStart(packet)));
    }
    expect(early).toHaveLength(20);
    expect(early).not.toContain(false);
  });

  it('reports an H.265 stream type, so the feed can decide to transcode', async () => {
    const h265 = await makeTestClip(anyFfmpeg(), { width: 320, height: 240, seconds: 0.5, codec: 'libx265' });
    const { programs, units } = demux([h265]);
    expect(programs).toEqual([StreamType.H265]);
    expect(units.length).toBeGreaterThan(0);
  });
});
