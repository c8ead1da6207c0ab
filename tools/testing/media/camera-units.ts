import type { EncodedVideoUnit } from '@argus/domain';
import { isKeyframe, splitAnnexB } from '@argus/adapters/media/h264';
import { demuxAll, makeTestClip, type TestClipOptions } from './test-clip';

/**
 * A synthetic camera's access units as the camera runtime hands them on (H.264 from ffmpeg's
 * testsrc2, SPS and PPS in front of each keyframe), received in real time from `startAt`.
 */
export async function makeCameraUnits(ffmpeg: string, options: TestClipOptions = {}, startAt = Date.now()): Promise<EncodedVideoUnit[]> {
  const demuxed = demuxAll(await makeTestClip(ffmpeg, options));
  const first = demuxed[0]?.pts90k ?? 0;
  return demuxed.map((unit) => ({
    data: unit.data,
    pts90k: unit.pts90k,
    keyframe: isKeyframe(splitAnnexB(unit.data)),
    receivedAt: startAt + Math.round((unit.pts90k - first) / 90),
  }));
}

/** The same units moved `offsetMs` later on both clocks (a longer recording from one short clip). */
export function shiftUnits(units: EncodedVideoUnit[], offsetMs: number): EncodedVideoUnit[] {
  return units.map((u) => ({ ...u, pts90k: u.pts90k + offsetMs * 90, receivedAt: u.receivedAt + offsetMs }));
}
