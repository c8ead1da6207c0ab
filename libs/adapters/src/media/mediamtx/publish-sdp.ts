import { DEFAULT_PAYLOAD_TYPE, h264Fmtp } from '../h264';

/**
 * The session description an RTSP ANNOUNCE carries: one H.264 track (as ffmpeg announces it, so
 * servers that take ffmpeg's pushes take ours), with the parameter sets for readers joining later.
 */
export function publishSdp(sps: Uint8Array, pps: Uint8Array, name = 'Argus'): string {
  return [
    'v=0',
    'o=- 0 0 IN IP4 127.0.0.1',
    `s=${name}`,
    'c=IN IP4 0.0.0.0',
    't=0 0',
    `m=video 0 RTP/AVP ${DEFAULT_PAYLOAD_TYPE}`,
    `a=rtpmap:${DEFAULT_PAYLOAD_TYPE} H264/90000`,
    `a=fmtp:${DEFAULT_PAYLOAD_TYPE} ${h264Fmtp(sps, pps)}`,
    'a=control:streamid=0',
    '',
  ].join('\r\n');
}
