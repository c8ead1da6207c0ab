import { Profile, parseProfileLevelId } from 'h264-profile-level-id';
import { parse, parseParams, write, type MediaDescription } from 'sdp-transform';
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

/** RFC 6184 section 8.1: without `profile-level-id`, a payload type is Baseline. */
const DEFAULT_PROFILE: H264Profile = { profileIdc: 66, profileIop: 0 };

const hexByte = (byte: number) => byte.toString(16).padStart(2, '0');

/**
 * Where a profile sits in H.264's hierarchy (a decoder for one decodes those ranked below it):
 * h264-profile-level-id reads profile_idc and the constraint flags (Constrained Baseline < Baseline <
 * Main < Constrained High < High < High 4:4:4 Predictive). It does not know Extended, High 10 and
 * High 4:2:2; they sit between Main and Constrained High, and between High and High 4:4:4.
 * The level is left out: browsers' decoders take any level, so a fixed one only makes it parse.
 */
const UNPARSED_PROFILE_RANK: Record<number, number> = { 88: Profile.Main + 0.5, 110: Profile.High + 0.3, 122: Profile.High + 0.6 };

function profileRank({ profileIdc, profileIop }: H264Profile): number {
  const known = parseProfileLevelId(`${hexByte(profileIdc)}${hexByte(profileIop)}1f`)?.profile;
  return known ?? UNPARSED_PROFILE_RANK[profileIdc] ?? Profile.Baseline;
}

/** The first video m-section of an SDP, or null. */
function videoMedia(sdp: string): MediaDescription | null {
  return parse(sdp).media.find((media) => media.type === 'video') ?? null;
}

/** Video codecs of the first video m-section, in the viewer's order of preference. */
export function offeredH264Codecs(sdp: string): OfferedH264Codec[] {
  const video = videoMedia(sdp);
  if (!video) return [];
  return video.rtp
    .filter((rtp) => rtp.codec.toUpperCase() === 'H264' && rtp.rate === 90_000)
    .map(({ payload }) => {
      const config = video.fmtp.find((fmtp) => fmtp.payload === payload)?.config;
      const params = config ? parseParams(config) : {};
      const profile = /^[0-9a-f]{6}/i.exec(String(params['profile-level-id'] ?? ''))?.[0];
      return {
        payloadType: payload,
        packetizationMode: Number(params['packetization-mode'] ?? 0),
        profileIdc: profile ? parseInt(profile.slice(0, 2), 16) : DEFAULT_PROFILE.profileIdc,
        profileIop: profile ? parseInt(profile.slice(2, 4), 16) : DEFAULT_PROFILE.profileIop,
      };
    });
}

/**
 * The payload type to send the camera's H.264 with: packetization-mode=1 only (FU-A for large NAL
 * units); the camera's exact profile if offered, else the same profile_idc, else the smallest offered
 * profile that covers it, else the largest offered (browsers' software decoders handle any profile,
 * whatever they advertise).
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

/**
 * The offer with its video m-section reduced to one payload type, so the answer carries exactly the
 * codec the camera's stream is sent with (werift answers with every offered codec it knows).
 */
export function restrictVideoOffer(sdp: string, payloadType: number): string {
  const session = parse(sdp);
  const video = session.media.find((media) => media.type === 'video');
  if (!video) throw new InvalidOfferError('the offer has no video section');
  const samePayload = (entry: { payload: number | string }) => Number(entry.payload) === payloadType;
  video.payloads = String(payloadType);
  video.rtp = video.rtp.filter(samePayload);
  video.fmtp = video.fmtp.filter(samePayload);
  // Feedback for all payload types (`a=rtcp-fb:*`) stays.
  if (video.rtcpFb) video.rtcpFb = video.rtcpFb.filter((fb) => fb.payload === '*' || samePayload(fb));
  if (video.rtcpFbTrrInt) video.rtcpFbTrrInt = video.rtcpFbTrrInt.filter((fb) => fb.payload === '*' || samePayload(fb));
  return write(session);
}
