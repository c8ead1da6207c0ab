import type { WhepGateway } from '@argus/adapters/media/webrtc';
import type { LiveBackend } from './live-backend';

/** Live view from Argus itself: the werift WHEP gateway, no other service. */
export class EmbeddedLiveBackend implements LiveBackend {
  readonly mode = 'embedded';

  constructor(readonly hub: WhepGateway) {}

  isLive(cameraId: string): boolean {
    return this.hub.isLive(cameraId);
  }

  whepUrl(cameraId: string): string {
    return `/api/cameras/${encodeURIComponent(cameraId)}/whep`;
  }

  close(): Promise<void> {
    return this.hub.close();
  }
}
