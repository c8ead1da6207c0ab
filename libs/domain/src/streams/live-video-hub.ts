import type { FaceBox } from '../detection/face-detector';
import type { EncodedVideoUnit, VideoStreamInfo } from './encoded-video';

/** One processed frame's faces, as a live view that draws them into the video needs them. */
export interface LiveDetections {
  /** Size of the frame the boxes are in (the processing frame, not necessarily the video's size). */
  frameWidth: number;
  frameHeight: number;
  /** Capture time of the frame (ms since epoch). */
  capturedAt: number;
  /** The frame's presentation time on the camera's 90 kHz clock. */
  pts90k: number;
  /** In the frame's pixels; empty when the frame had no face (the boxes are cleared). */
  boxes: FaceBox[];
}

/** Where a running camera's H.264 goes for live viewers (embedded WHEP gateway or MediaMTX). */
export interface LiveVideoHub {
  cameraStarted(cameraId: string, info: VideoStreamInfo): void;
  unit(cameraId: string, unit: EncodedVideoUnit): void;
  cameraStopped(cameraId: string): void;
  /**
   * Every processed frame's detections while detection is on (a hub that draws boxes into the
   * video uses them; one that only passes the video through need not implement this).
   */
  detections?(cameraId: string, detections: LiveDetections): void;
}
