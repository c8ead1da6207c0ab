/**
 * One H.264 access unit exactly as the camera sent it (Annex B: start codes + NAL units).
 * The same units feed the detection decoder and the live view, so nothing is re-encoded per viewer.
 */
export interface EncodedVideoUnit {
  data: Uint8Array;
  /** Presentation time on the stream's 90 kHz clock (the RTP clock of the camera). */
  pts90k: number;
  /** An IDR picture (with SPS/PPS in front): a decoder or a new viewer can start here. */
  keyframe: boolean;
  /** Wall-clock time Argus received the unit (ms since epoch): the capture time as far as Argus can know. */
  receivedAt: number;
}

export interface VideoStreamInfo {
  codec: 'h264';
  width: number;
  height: number;
  /** True when the camera's own codec was not H.264 and the feed transcodes once per camera. */
  transcoded: boolean;
}
