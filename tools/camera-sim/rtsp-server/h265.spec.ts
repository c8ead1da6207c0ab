import { describeClip } from './sdp';
import { fragmentH265Nal, h265Fmtp, h265NalType, isH265Keyframe } from './h265';

describe('H.265 for the camera server', () => {
  it('reads NAL unit types and tells IRAP pictures', () => {
    expect(h265NalType(Uint8Array.of(0x40, 0x01))).toBe(32);
    expect(isH265Keyframe([Uint8Array.of(19 << 1, 1)])).toBe(true);
    expect(isH265Keyframe([Uint8Array.of(21 << 1, 1)])).toBe(true);
    expect(isH265Keyframe([Uint8Array.of(1 << 1, 1)])).toBe(false);
  });

  it('fragments a NAL unit into FUs that put it back together', () => {
    const nal = Uint8Array.from({ length: 2500 }, (_, i) => (i === 0 ? 19 << 1 : i === 1 ? 0x01 : i % 251));
    const fragments = fragmentH265Nal(nal, 1000);
    expect(fragments.map((f) => f.length)).toEqual([1000, 1000, 507]);
    for (const fragment of fragments) expect([h265NalType(fragment), fragment[1], fragment[2] & 0x3f]).toEqual([49, 0x01, 19]);
    expect(fragments.map((f) => f[2] & 0xc0)).toEqual([0x80, 0, 0x40]);
    const payload = Buffer.concat(fragments.map((f) => f.subarray(3)));
    expect(Buffer.concat([nal.subarray(0, 2), payload])).toEqual(Buffer.from(nal));
  });

  it('announces an H.265 track with its parameter sets', () => {
    const [vps, sps, pps] = [32, 33, 34].map((type) => Uint8Array.of(type << 1, 1, 7));
    expect(h265Fmtp(vps, sps, pps)).toBe('sprop-vps=QAEH;sprop-sps=QgEH;sprop-pps=RAEH');
    const sdp = describeClip('cam', { codec: 'h265', frames: [], vps, sps, pps, fps: 10 }, '127.0.0.1', 1);
    expect(sdp).toContain('a=rtpmap:96 H265/90000\r\na=fmtp:96 sprop-vps=QAEH;sprop-sps=QgEH;sprop-pps=RAEH\r\na=framerate:10\r\n');
  });
});
