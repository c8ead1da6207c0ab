import type { Frame } from '../detection/face-detector';
import type { EncodedVideoUnit } from './encoded-video';

/** A decoded, scaled RGB frame with the capture time of the unit it came from. */
export interface DecodedFrame extends Frame {
  channels: 3;
  capturedAt: number;
  pts90k: number;
}

export interface FrameDecoderSpec {
  cameraId: string;
  /** Frames per second to produce (sampled from the stream). */
  fps: number;
  /** Frames wider than this are scaled down, keeping the aspect ratio. */
  maxWidth: number;
}

export interface FrameDecoderListener {
  frame(frame: DecodedFrame): void;
  ended(reason: string | null): void;
}

export interface FrameDecoder {
  /** Feed the camera's units in order; the decoder starts at the first keyframe it is given. */
  push(unit: EncodedVideoUnit): void;
  stop(): Promise<void>;
}

/**
 * Turns a camera's H.264 into RGB frames at the processing FPS. Separate from the feed so FPS
 * changes and detection on/off never touch the camera connection or the live viewers.
 */
export interface FrameDecoderFactory {
  create(spec: FrameDecoderSpec, listener: FrameDecoderListener): FrameDecoder;
}
