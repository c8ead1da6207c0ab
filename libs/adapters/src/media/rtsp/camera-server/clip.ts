import { readFileSync } from 'node:fs';
import { groupAccessUnits, splitAnnexB } from '../../h264/annexb';
import { NalType, isKeyframe, nalType, type AccessUnit } from '../../h264/nal-unit';
import { parseSps } from '../../h264/sps';

/** One picture of a clip, ready to packetize. */
export interface ClipFrame {
  nals: AccessUnit;
  keyframe: boolean;
}

/** An H.264 clip held in memory and served in a loop. */
export interface Clip {
  frames: ClipFrame[];
  sps: Uint8Array;
  pps: Uint8Array;
  width: number;
  height: number;
  fps: number;
}

/** NAL units a camera would not send over RTP: delimiters and filler carry nothing. */
const DROPPED_TYPES = new Set<number>([NalType.Aud, NalType.Filler, NalType.EndOfSequence, NalType.EndOfStream]);

/**
 * Puts SPS and PPS in front of every IDR that lacks them, as cameras do, so a client that joins
 * (or resumes after a stall) at any keyframe can decode from there.
 */
function withParameterSets(unit: AccessUnit, sps: Uint8Array, pps: Uint8Array): AccessUnit {
  if (!isKeyframe(unit)) return unit;
  const types = new Set(unit.map(nalType));
  const missing = [...(types.has(NalType.Sps) ? [] : [sps]), ...(types.has(NalType.Pps) ? [] : [pps])];
  return [...missing, ...unit];
}

/** Builds a clip from Annex B bytes; playback starts at the first keyframe. */
export function clipFromAnnexB(stream: Uint8Array, fps?: number): Clip {
  const nals = splitAnnexB(stream).filter((nal) => !DROPPED_TYPES.has(nalType(nal)));
  const sps = nals.find((nal) => nalType(nal) === NalType.Sps);
  const pps = nals.find((nal) => nalType(nal) === NalType.Pps);
  if (!sps || !pps) throw new Error('the clip has no SPS/PPS: not an H.264 Annex B stream');
  const units = groupAccessUnits(nals);
  const first = units.findIndex((unit) => isKeyframe(unit));
  if (first < 0) throw new Error('the clip has no IDR picture');
  const frames = units.slice(first).map((unit) => {
    const withSets = withParameterSets(unit, sps, pps);
    return { nals: withSets, keyframe: isKeyframe(withSets) };
  });
  const info = parseSps(sps);
  return { frames, sps, pps, width: info.width, height: info.height, fps: fps ?? info.fps ?? 15 };
}

export function loadClip(file: string, fps?: number): Clip {
  return clipFromAnnexB(new Uint8Array(readFileSync(file)), fps);
}
