import type { MediamtxLiveHub } from '@argus/adapters/media/mediamtx';
import type { LiveBackend } from './live-backend';

/** Live view through MediaMTX: Argus publishes, MediaMTX serves WHEP to browsers. */
export class MediamtxLiveBackend implements LiveBackend {
  readonly mode = 'mediamtx';

  constructor(readonly hub: MediamtxLiveHub) {}

  isLive(cameraId: string): boolean {
    return this.hub.isLive(cameraId);
  }

  whepUrl(cameraId: string): string {
    return this.hub.whepUrl(cameraId);
  }

  close(): Promise<void> {
    return this.hub.close();
  }
}
