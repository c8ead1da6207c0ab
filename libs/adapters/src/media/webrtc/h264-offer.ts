import { InvalidOfferError } from './live-errors';

/** One `H264/90000` payload type a viewer offered. */
export interface OfferedH264Codec {
  payloadType: number;
  packetizationMode: number;
  /** profile_idc and the constraint-flags byte of `profile-level-id` (absent means Baseline, RFC 6184). */
  profileIdc: number;
  profileIop: number;
}

/** The camera's profile, as the first bytes of its SPS say (what the viewer's decoder must handle). */
export interface H264Profile {
  profileIdc: number;
  profileIop: number;
}

/**
 * How much of H.264 a profile covers: a decoder for a profile decodes the ones ranked below it.
 * Constrained Baseline (Baseline with constraint_set1) is the smallest; High 4:4:4 the largest.
 */
function profileRank({ profileIdc, profileIop }: H264Profile): number {
  if (profileIdc === 66) return (profileIop & 0x40) !== 0 ? 0 : 1;
  const order = [77, 88, 100, 110, 122, 244]; // Main, Extended, High, High 10, High 4:2:2, High 4:4:4
  const at = order.indexOf(profileIdc);
  return at < 0 ? 1 : 2 + at;
}

/** Video codecs of the first video m-section, in the viewer's order of preference. */
export function offeredH264Codecs(sdp: string): OfferedH264Codec[] {
  const section = videoSection(sdp.split(/\r?\n/));
  if (!section) return [];
  const lines = section.lines;
  const h264 = lines
    .map((line) => /^a=rtpmap:(\d+) H264\/90000/i.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
  return h264.map((payloadType) => {
    const fmtp = lines.find((line) => line.startsWith(`a=fmtp:${payloadType} `)) ?? '';
    const mode = /packetization-mode=(\d)/.exec(fmtp);
    const profile = /profile-level-id=([0-9a-f]{6})/i.exec(fmtp);
    return {
      payloadType,
      packetizationMode: mode ? Number(mode[1]) : 0,
      profileIdc: profile ? parseInt(profile[1].slice(0, 2), 16) : 66,
      profileIop: profile ? parseInt(profile[1].slice(2, 4), 16) : 0,
    };
  });
}

/**
 * The payload type to send the camera's H.264 with: packetization-mode=1 only (FU-A for large NAL
 * units); the camera's exact profile if offered, else the smallest offered profile that covers it,
 * else the largest offered (browsers' software decoders handle any profile, whatever they advertise).
 */
export function chooseH264Codec(offered: readonly OfferedH264Codec[], camera: H264Profile): OfferedH264Codec {
  const usable = offered.filter((c) => c.packetizationMode === 1);
  if (usable.length === 0) throw new InvalidOfferError('the offer has no H.264 with packetization-mode=1');
  const exact = usable.find((c) => c.profileIdc === camera.profileIdc && c.profileIop === camera.profileIop);
  if (exact) return exact;
  const sameProfile = usable.find((c) => c.profileIdc === camera.profileIdc);
  if (sameProfile) return sameProfile;
  const need = profileRank(camera);
  const byRank = [...usable].sort((a, b) => profileRank(a) - profileRank(b));
  return byRank.find((c) => profileRank(c) >= need) ?? byRank[byRank.length - 1];
}

interface Section {
  start: number;
  end: number;
  lines: string[];
}

function videoSection(lines: string[]): Section | null {
  const start = lines.findIndex((line) => line.startsWith('m=video '));
  if (start < 0) return null;
  let end = lines.findIndex((line, i) => i > start && line.startsWith('m='));
  if (end < 0) end = lines.length;
  return { start, end, lines: lines.slice(start, end) };
}

/** Attribute lines that belong to one payload type. */
const PER_PAYLOAD = /^a=(rtpmap|fmtp|rtcp-fb):(\d+)[ \t]/;

/**
 * The offer with its video m-section reduced to one payload type, so the answer carries exactly the
 * codec the camera's stream is sent with (werift answers with every offered codec it knows).
 */
export function restrictVideoOffer(sdp: string, payloadType: number): string {
  const lines = sdp.split(/\r?\n/);
  const section = videoSection(lines);
  if (!section) throw new InvalidOfferError('the offer has no video section');
  const kept = section.lines.filter((line, i) => {
    if (i === 0) return true;
    const m = PER_PAYLOAD.exec(line);
    return m === null || Number(m[2]) === payloadType;
  });
  const mLine = kept[0].split(' ');
  kept[0] = [...mLine.slice(0, 3), String(payloadType)].join(' ');
  return [...lines.slice(0, section.start), ...kept, ...lines.slice(section.end)].join('\r\n');
}
