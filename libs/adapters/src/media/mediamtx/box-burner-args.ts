import type { FfmpegCapabilities } from '../ffmpeg/ffmpeg-binary';
import type { OverlaySize } from './box-overlay';

/** Seconds between forced keyframes of the re-encoded stream (a new viewer starts at one). */
export const BURNED_GOP_SECONDS = 1.5;
/** x264's own upper bound on the keyframe interval, in frames, should the timed one not fire. */
const MAX_GOP_FRAMES = 60;

/**
 * The box burner's ffmpeg: the camera's H.264 as FLV on stdin (see FlvMuxer: no parser holding a
 * frame back), overlay frames (raw yuva420p at `overlay` size) on pipe:3, both stamped with the
 * wall clock when ffmpeg reads them, so the overlay filter pairs each picture with the overlay
 * that had arrived by then. The overlay is scaled to the picture (scale2ref follows size changes),
 * composited, and the result encoded once: libx264 ultrafast, zerolatency (no look-ahead, no
 * B-frames, no frame threads), Constrained Baseline that every browser decodes, a keyframe every
 * 1.5 s. Out as FLV on stdout: each picture arrives whole, with its time.
 */
export function boxBurnerArgs(overlay: OverlaySize, capabilities: FfmpegCapabilities): string[] {
  const wallClock = ['-use_wallclock_as_timestamps', '1', '-probesize', '32', '-analyzeduration', '0'];
  const graph = [
    '[1:v][0:v]scale2ref=w=main_w:h=main_h:flags=fast_bilinear[boxes][video]',
    '[video][boxes]overlay=x=0:y=0:format=yuv420:eof_action=repeat,format=yuv420p[out]',
  ].join(';');
  return [
    '-hide_banner', '-nostats', '-nostdin', '-loglevel', 'error',
    '-filter_threads', '1',
    // One decoder thread: frame threads would each hold a picture back.
    '-threads', '1', ...wallClock, '-f', 'flv', '-i', 'pipe:0',
    // The rawvideo demuxer's time base is 1/framerate: 1000 keeps the wall-clock stamps to the ms.
    ...wallClock, '-f', 'rawvideo', '-pix_fmt', 'yuva420p', '-video_size', `${overlay.width}x${overlay.height}`, '-framerate', '1000', '-i', 'pipe:3',
    '-filter_complex', graph, '-map', '[out]',
    // Both inputs on the same (wall) clock: without -copyts each would be moved to start at 0.
    '-copyts', ...capabilities.passthroughArgs, '-enc_time_base', '-1',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p',
    '-threads', '1', '-bf', '0', '-g', String(MAX_GOP_FRAMES), '-sc_threshold', '0',
    '-force_key_frames', `expr:if(isnan(prev_forced_t),1,gte(t-prev_forced_t,${BURNED_GOP_SECONDS}))`, '-forced-idr', '1',
    '-flush_packets', '1', '-f', 'flv', '-flvflags', 'no_duration_filesize', 'pipe:1',
  ];
}
