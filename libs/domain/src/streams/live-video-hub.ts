import type { EncodedVideoUnit, VideoStreamInfo } from './encoded-video';

/** Where a running camera's H.264 goes for live viewers (embedded WHEP gateway or MediaMTX). */
export interface LiveVideoHub {
  cameraStarted(cameraId: string, info: VideoStreamInfo): void;
  unit(cameraId: string, unit: EncodedVideoUnit): void;
  cameraStopped(cameraId: string): void;
}
