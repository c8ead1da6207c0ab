import type { FrameDecoderSpec } from '@argus/domain';
import type { FfmpegCapabilities } from './ffmpeg-binary';

/**
 * The video filter: keep the first frame of each 1/fps slot of the stream's own timeline (unlike
 * the fps filter, which re-times and duplicates frames, this keeps every kept frame's timestamp),
 * scale down to at most maxWidth with an even height, convert to RGB in the same swscale pass,
 * and print each output frame's timestamp and size (showinfo) so Node can match bytes to times.
 */
export function decoderFilter(spec: Pick<FrameDecoderSpec, 'fps' | 'maxWidth'>): string {
  const fps = positive(spec.fps, 'fps');
  const maxWidth = Math.floor(positive(spec.maxWidth, 'maxWidth'));
  // A changed slot, not a later one: a timestamp that jumps back still lets frames through.
  const select = `select='not(eq(floor(t*${fps})\\,floor(prev_selected_t*${fps})))'`;
  const scale = `scale='min(iw\\,${maxWidth})':-2:flags=bilinear`;
  // Without checksums: showinfo's per-pixel sums would double the decoder's CPU time.
  return `${select},${scale},format=rgb24,showinfo=checksum=0`;
}

/**
 * The decoder's arguments: FLV (see FlvMuxer) on stdin, raw RGB24 frames on stdout, showinfo on
 * stderr. One thread each for decoding and "encoding": frame threads would each hold a frame back.
 */
export function decoderArgs(spec: FrameDecoderSpec, capabilities: FfmpegCapabilities): string[] {
  return [
    '-hide_banner', '-nostats', '-nostdin', '-loglevel', 'level+info',
    '-threads', '1',
    // Start on the first tag: the stream is described by the sequence header in front of it.
    '-probesize', '32', '-analyzeduration', '0',
    '-f', 'flv', '-i', 'pipe:0',
    '-map', '0:v:0', '-copyts',
    '-vf', decoderFilter(spec),
    ...capabilities.passthroughArgs,
    '-threads', '1',
    '-f', 'rawvideo', 'pipe:1',
  ];
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}
