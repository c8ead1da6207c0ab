import { isIPv6 } from 'node:net';
import { h264Fmtp } from '@argus/adapters/media/h264';
import type { Clip } from './clip';
import { h265Fmtp } from './h265';

export const TRACK_CONTROL = 'trackID=0';
export const PAYLOAD_TYPE = 96;

/** rtpmap and fmtp of the clip's codec (RFC 6184, RFC 7798); the picture size where known. */
function videoFormat(clip: Clip): string[] {
  if (clip.codec === 'h265') return [`a=rtpmap:${PAYLOAD_TYPE} H265/90000`, `a=fmtp:${PAYLOAD_TYPE} ${h265Fmtp(clip.vps, clip.sps, clip.pps)}`];
  return [
    `a=rtpmap:${PAYLOAD_TYPE} H264/90000`,
    `a=fmtp:${PAYLOAD_TYPE} ${h264Fmtp(clip.sps, clip.pps)}`,
    `a=framesize:${PAYLOAD_TYPE} ${clip.width}-${clip.height}`,
  ];
}

/** The session description a DESCRIBE returns for one path: a single live H.264 (or H.265) video track. */
export function describeClip(path: string, clip: Clip, serverAddress: string, sessionVersion: number): string {
  const family = isIPv6(serverAddress) ? 'IP6' : 'IP4';
  return [
    'v=0',
    `o=- ${sessionVersion} 1 IN ${family} ${serverAddress}`,
    `s=Argus camera simulator /${path}`,
    `c=IN ${family} ${family === 'IP6' ? '::' : '0.0.0.0'}`,
    't=0 0',
    'a=tool:argus-camera-sim',
    'a=type:broadcast',
    'a=control:*',
    'a=range:npt=0-',
    `m=video 0 RTP/AVP ${PAYLOAD_TYPE}`,
    ...videoFormat(clip),
    `a=framerate:${clip.fps}`,
    `a=control:${TRACK_CONTROL}`,
    '',
  ].join('\r\n');
}
