import { CameraFeedSpec, RtspUrl } from '@argus/domain';
import type { FfmpegCapabilities } from './ffmpeg-binary';

export interface FeedArgsOptions {
  /** The camera does not send H.264: encode once per camera (the live view needs H.264). */
  transcode: boolean;
  /** RTSP socket read/connect time-out. */
  ioTimeoutMs: number;
}

export const DEFAULT_IO_TIMEOUT_MS = 10_000;

/**
 * The protocols an RTSP pull needs (control over TCP or TLS, media over RTP/UDP or interleaved):
 * nothing in a URL can make ffmpeg open a file, a concat/subfile chain, HTTP or anything else.
 */
export const RTSP_PROTOCOL_WHITELIST = 'rtsp,rtsps,tcp,udp,tls,rtp';

const TRANSCODE_ARGS = [
  '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-bf', '0', '-pix_fmt', 'yuv420p',
  // A keyframe every 2 s: where a new viewer or a restarted decoder can start.
  '-force_key_frames', 'expr:gte(t,n_forced*2)',
];

/**
 * The feed's arguments: one RTSP pull, the first video stream copied (or transcoded once to H.264)
 * into MPEG-TS on stdout. The URL is re-validated here and is always the one argument after `-i`,
 * with the format forced to RTSP, so it can be neither an option nor another protocol.
 */
export function feedArgs(spec: CameraFeedSpec, capabilities: FfmpegCapabilities, options: FeedArgsOptions): string[] {
  const url = RtspUrl.parse(spec.url).toString();
  const transport = spec.transport === 'udp' ? 'udp' : 'tcp';
  const timeoutUs = String(Math.round(options.ioTimeoutMs * 1000));
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-protocol_whitelist', RTSP_PROTOCOL_WHITELIST,
    '-rtsp_transport', transport,
    capabilities.rtspTimeoutOption, timeoutUs,
    // Cameras that omit timestamps still get some; packets the RTP layer saw damaged are dropped.
    '-fflags', '+genpts+discardcorrupt',
    // No probing: the SDP or the first keyframe describes the stream. Probing would hold the first
    // frames back and hand them on in a burst with made-up timestamps.
    '-analyzeduration', '0', '-probesize', '32',
    '-f', 'rtsp', '-i', url,
    '-map', '0:v:0',
    ...(options.transcode ? TRANSCODE_ARGS : ['-c:v', 'copy']),
    '-f', 'mpegts', '-muxdelay', '0', '-muxpreload', '0',
    // Each access unit leaves at once, with its PES length so the demuxer knows where it ends.
    '-flush_packets', '1', '-omit_video_pes_length', '0',
    'pipe:1',
  ];
}
