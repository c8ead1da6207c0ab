import { write } from 'sdp-transform';
import { DEFAULT_PAYLOAD_TYPE, h264Fmtp } from '../h264';

/**
 * The session description an RTSP ANNOUNCE carries: one H.264 track (as ffmpeg announces it, so
 * servers that take ffmpeg's pushes take ours), with the parameter sets for readers joining later.
 */
export function publishSdp(sps: Uint8Array, pps: Uint8Array, name = 'Argus'): string {
  return write({
    version: 0,
    origin: { username: '-', sessionId: 0, sessionVersion: 0, netType: 'IN', ipVer: 4, address: '127.0.0.1' },
    name,
    connection: { version: 4, ip: '0.0.0.0' },
    timing: { start: 0, stop: 0 },
    media: [
      {
        type: 'video',
        port: 0,
        protocol: 'RTP/AVP',
        payloads: String(DEFAULT_PAYLOAD_TYPE),
        rtp: [{ payload: DEFAULT_PAYLOAD_TYPE, codec: 'H264', rate: 90_000 }],
        fmtp: [{ payload: DEFAULT_PAYLOAD_TYPE, config: h264Fmtp(sps, pps) }],
        control: 'streamid=0',
      },
    ],
  });
}
