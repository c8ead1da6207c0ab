import { readFileSync } from 'node:fs';
import { NalType, groupAccessUnits, isKeyframe, nalType, parseSps, splitAnnexB, type AccessUnit } from '@argus/adapters/media/h264';
import { H265NalType, h265NalType, isH265Keyframe } from './h265';

/** One picture of a clip, ready to packetize. */
export interface ClipFrame {
  nals: AccessUnit;
  keyframe: boolean;
}

/** An H.264 clip held in memory and served in a loop. */
export interface H264Clip {
  codec?: 'h264';
  frames: ClipFrame[];
  sps: Uint8Array;
  pps: Uint8Array;
  width: number;
  height: number;
  fps: number;
}

/** An H.265 clip: a camera whose stream the ffmpeg feed must transcode. */
export interface H265Clip {
  codec: 'h265';
  frames: ClipFrame[];
  vps: Uint8Array;
  sps: Uint8Array;
  pps: Uint8Array;
  fps: number;
}

export type Clip = H264Clip | H265Clip;
export type ClipCodec = 'h264' | 'h265';

export interface ClipOptions {
  /** Default 'h264'. */
  codec?: ClipCodec;
  /** H.264: overrides the SPS timing info. H.265: the rate to play at (default 15). */
  fps?: number;
  /**
   * 'in-band' (default): parameter sets go in front of every keyframe that lacks them, as most cameras
   * send them. 'sdp-only': they are taken out of the stream and only announced in the SDP, as some do.
   */
  parameterSets?: 'in-band' | 'sdp-only';
}

/** What building a clip needs to know of its codec. */
interface CodecRules {
  name: string;
  nalType(nal: Uint8Array): number;
  isKeyframe(unit: readonly Uint8Array[]): boolean;
  keyframeName: string;
  /** In the order the SDP announces them and a decoder wants them. */
  parameterSetTypes: readonly number[];
  parameterSetNames: string;
  /** NAL units a camera would not send over RTP: delimiters, filler and end markers carry nothing. */
  droppedTypes: ReadonlySet<number>;
}

const CODECS: Record<ClipCodec, CodecRules> = {
  h264: {
    name: 'H.264',
    nalType,
    isKeyframe,
    keyframeName: 'IDR',
    parameterSetTypes: [NalType.Sps, NalType.Pps],
    parameterSetNames: 'SPS/PPS',
    droppedTypes: new Set([NalType.Aud, NalType.Filler, NalType.EndOfSequence, NalType.EndOfStream]),
  },
  h265: {
    name: 'H.265',
    nalType: h265NalType,
    isKeyframe: isH265Keyframe,
    keyframeName: 'IRAP',
    parameterSetTypes: [H265NalType.Vps, H265NalType.Sps, H265NalType.Pps],
    parameterSetNames: 'VPS/SPS/PPS',
    droppedTypes: new Set([H265NalType.Aud, H265NalType.Filler, H265NalType.EndOfSequence, H265NalType.EndOfBitstream]),
  },
};

/**
 * In band: puts the parameter sets in front of every keyframe that lacks them, as cameras do, so a client
 * that joins (or resumes after a stall) at any keyframe can decode from there. SDP only: takes them out.
 */
function placeParameterSets(unit: AccessUnit, sets: Uint8Array[], rules: CodecRules, placement: ClipOptions['parameterSets']): AccessUnit {
  const isSet = (nal: Uint8Array) => rules.parameterSetTypes.includes(rules.nalType(nal));
  if (placement === 'sdp-only') return unit.filter((nal) => !isSet(nal));
  if (!rules.isKeyframe(unit)) return unit;
  const present = new Set(unit.map(rules.nalType));
  return [...sets.filter((set) => !present.has(rules.nalType(set))), ...unit];
}

/** The parameter sets (first of each type) in SDP order; throws when one is missing. */
function findParameterSets(units: AccessUnit[], rules: CodecRules): Uint8Array[] {
  const nals = units.flat();
  const sets = rules.parameterSetTypes.map((type) => nals.find((nal) => rules.nalType(nal) === type));
  if (sets.some((set) => !set)) throw new Error(`the clip has no ${rules.parameterSetNames}: not an ${rules.name} Annex B stream`);
  return sets as Uint8Array[];
}

/** The frames from the first keyframe on, and the parameter sets; throws when either is missing. */
function framesOf(accessUnits: AccessUnit[], rules: CodecRules, placement: ClipOptions['parameterSets']): { frames: ClipFrame[]; sets: Uint8Array[] } {
  const units = accessUnits.map((unit) => unit.filter((nal) => !rules.droppedTypes.has(rules.nalType(nal)))).filter((unit) => unit.length > 0);
  const sets = findParameterSets(units, rules);
  const first = units.findIndex((unit) => rules.isKeyframe(unit));
  if (first < 0) throw new Error(`the clip has no ${rules.keyframeName} picture`);
  const frames = units.slice(first).map((unit) => {
    const nals = placeParameterSets(unit, sets, rules, placement);
    return { nals, keyframe: rules.isKeyframe(nals) };
  });
  return { frames, sets };
}

function h264Clip(accessUnits: AccessUnit[], options: ClipOptions): H264Clip {
  const { frames, sets: [sps, pps] } = framesOf(accessUnits, CODECS.h264, options.parameterSets);
  const info = parseSps(sps);
  return { frames, sps, pps, width: info.width, height: info.height, fps: options.fps ?? info.fps ?? 15 };
}

function h265Clip(accessUnits: AccessUnit[], options: ClipOptions): H265Clip {
  const { frames, sets: [vps, sps, pps] } = framesOf(accessUnits, CODECS.h265, options.parameterSets);
  return { codec: 'h265', frames, vps, sps, pps, fps: options.fps ?? 15 };
}

/** Builds a clip from its access units (e.g. demuxed from MPEG-TS); playback starts at the first keyframe. */
export function clipFromAccessUnits(accessUnits: AccessUnit[], options: ClipOptions = {}): Clip {
  return options.codec === 'h265' ? h265Clip(accessUnits, options) : h264Clip(accessUnits, options);
}

/** Builds an H.264 clip from Annex B bytes; playback starts at the first keyframe. */
export function clipFromAnnexB(stream: Uint8Array, fps?: number): H264Clip {
  const nals = splitAnnexB(stream).filter((nal) => !CODECS.h264.droppedTypes.has(nalType(nal)));
  return h264Clip(groupAccessUnits(nals), { fps });
}

export function loadClip(file: string, fps?: number): H264Clip {
  return clipFromAnnexB(new Uint8Array(readFileSync(file)), fps);
}
