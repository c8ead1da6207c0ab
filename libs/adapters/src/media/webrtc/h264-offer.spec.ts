import { chooseH264Codec, offeredH264Codecs, restrictVideoOffer, type OfferedH264Codec } from './h264-offer';
import { InvalidOfferError } from './live-errors';

/** The video section of a Chromium 147 recvonly offer (H.264 part, with RTX and VP8 around it). */
const OFFER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 108 116 41',
  'c=IN IP4 0.0.0.0',
  'a=mid:0',
  'a=recvonly',
  'a=rtpmap:96 VP8/90000',
  'a=rtcp-fb:96 nack',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:102 H264/90000',
  'a=rtcp-fb:102 nack pli',
  'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f',
  'a=rtpmap:103 rtx/90000',
  'a=fmtp:103 apt=102',
  'a=rtpmap:108 H264/90000',
  'a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
  'a=rtpmap:116 H264/90000',
  'a=rtcp-fb:116 nack',
  'a=rtcp-fb:116 ccm fir',
  'a=fmtp:116 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f',
  'a=rtpmap:41 H264/90000',
  'a=fmtp:41 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=f4001f',
  '',
].join('\r\n');

const MAIN = { profileIdc: 77, profileIop: 0x40 };
const HIGH = { profileIdc: 100, profileIop: 0 };
const CONSTRAINED_BASELINE = { profileIdc: 66, profileIop: 0xe0 };

describe('offeredH264Codecs', () => {
  it('lists the H.264 payload types in offer order with mode and profile', () => {
    expect(offeredH264Codecs(OFFER)).toEqual([
      { payloadType: 102, packetizationMode: 1, profileIdc: 66, profileIop: 0x00 },
      { payloadType: 108, packetizationMode: 1, profileIdc: 66, profileIop: 0xe0 },
      { payloadType: 116, packetizationMode: 1, profileIdc: 77, profileIop: 0x00 },
      { payloadType: 41, packetizationMode: 1, profileIdc: 244, profileIop: 0x00 },
    ]);
  });

  it('reads a payload type without fmtp as Baseline in packetization-mode 0 (RFC 6184 defaults)', () => {
    const sdp = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=video 9 UDP/TLS/RTP/SAVPF 98', 'a=rtpmap:98 h264/90000', ''].join('\r\n');
    expect(offeredH264Codecs(sdp)).toEqual([{ payloadType: 98, packetizationMode: 0, profileIdc: 66, profileIop: 0 }]);
  });

  it('finds nothing without a video section', () => {
    expect(offeredH264Codecs('v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n')).toEqual([]);
  });
});

describe('chooseH264Codec', () => {
  const offered = offeredH264Codecs(OFFER);

  it('takes the camera’s exact profile, else the same profile', () => {
    expect(chooseH264Codec(offered, CONSTRAINED_BASELINE).payloadType).toBe(108);
    expect(chooseH264Codec(offered, MAIN).payloadType).toBe(116);
  });

  it('takes the smallest offered profile that covers a High camera (4:4:4 here)', () => {
    expect(chooseH264Codec(offered, HIGH).payloadType).toBe(41);
  });

  it('falls back to the largest profile when none covers the camera’s', () => {
    const baselineOnly = offered.filter((c) => c.profileIdc === 66);
    expect(chooseH264Codec(baselineOnly, HIGH).payloadType).toBe(102);
  });

  it('sends a Baseline camera with the offered Constrained Baseline (same profile_idc) before Main', () => {
    const notBaseline = offered.filter((c) => c.payloadType !== 102);
    expect(chooseH264Codec(notBaseline, { profileIdc: 66, profileIop: 0 }).payloadType).toBe(108);
  });

  it('places profiles h264-profile-level-id does not parse (Extended, High 10, High 4:2:2) in the hierarchy', () => {
    const high10 = { payloadType: 50, packetizationMode: 1, profileIdc: 110, profileIop: 0 };
    const main = offered.find((c) => c.payloadType === 116) as OfferedH264Codec;
    expect(chooseH264Codec([high10, main], MAIN).payloadType).toBe(116);
    expect(chooseH264Codec([high10, main], HIGH).payloadType).toBe(50);
    expect(chooseH264Codec(offered, { profileIdc: 110, profileIop: 0 }).payloadType).toBe(41);
    expect(chooseH264Codec([...offered, high10], { profileIdc: 110, profileIop: 0 }).payloadType).toBe(50);
    expect(chooseH264Codec([main, high10], { profileIdc: 88, profileIop: 0 }).payloadType).toBe(50);
  });

  it('refuses offers without packetization-mode=1', () => {
    const modeZero = offered.map((c) => ({ ...c, packetizationMode: 0 }));
    expect(() => chooseH264Codec(modeZero, MAIN)).toThrow(InvalidOfferError);
  });
});

describe('restrictVideoOffer', () => {
  it('keeps one payload type with its attributes and drops the others (RTX included)', () => {
    const sdp = restrictVideoOffer(OFFER, 116);
    expect(sdp).toContain('m=video 9 UDP/TLS/RTP/SAVPF 116\r\n');
    expect(sdp).toContain('a=rtcp-fb:116 ccm fir');
    expect(sdp).toContain('a=fmtp:116 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f');
    expect(sdp).not.toMatch(/a=(rtpmap|fmtp|rtcp-fb):(96|97|102|103|108|41) /);
    expect(sdp).toContain('a=mid:0\r\na=recvonly');
    expect(sdp.startsWith('v=0\r\n')).toBe(true);
  });

  it('keeps feedback lines meant for every payload type', () => {
    const sdp = restrictVideoOffer(OFFER.replace('a=rtcp-fb:96 nack', 'a=rtcp-fb:* transport-cc'), 102);
    expect(sdp).toContain('a=rtcp-fb:* transport-cc');
    expect(sdp).toContain('a=rtcp-fb:102 nack pli');
    expect(offeredH264Codecs(sdp).map((c) => c.payloadType)).toEqual([102]);
  });

  it('refuses an offer without video', () => {
    expect(() => restrictVideoOffer('v=0\r\n', 96)).toThrow(InvalidOfferError);
  });
});
