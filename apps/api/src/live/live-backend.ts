import type { LiveVideoHub } from '@argus/domain';

/** Where the camera runtime sends every running camera's H.264 (the embedded gateway or MediaMTX). */
export const LIVE_VIDEO_HUB = Symbol('LiveVideoHub');
export const LIVE_BACKEND = Symbol('LiveBackend');

/** What the live-view endpoints need from either backend. */
export interface LiveBackend {
  readonly mode: 'embedded' | 'mediamtx';
  readonly hub: LiveVideoHub;
  /** A viewer can start now (the camera is streaming and, for MediaMTX, published). */
  isLive(cameraId: string): boolean;
  /** The WHEP endpoint a browser posts its offer to (relative to the API origin, or absolute). */
  whepUrl(cameraId: string): string;
  close(): Promise<void>;
}
