import type { Camera, CameraStatus } from '../camera';
import { publishCameraState } from '../camera-events';
import { maskRtspCredentials } from '../rtsp-url';
import type { CameraDeps } from './camera-deps';

/**
 * Records what the running side reports about a camera (status, error, measured FPS) and
 * tells everyone who may see it. Error texts are stripped of credentials before they are stored.
 */
export class CameraStatusReporter {
  constructor(private readonly deps: Pick<CameraDeps, 'cameras' | 'publisher' | 'clock'>) {}

  async setStatus(cameraId: string, status: CameraStatus, error?: string): Promise<Camera | null> {
    const lastError = status === 'error' ? maskRtspCredentials(error ?? 'unknown error').slice(0, 500) : null;
    const current = await this.deps.cameras.findById(cameraId);
    if (!current) return null;
    if (current.status === status && current.lastError === lastError) return current;
    const updated = await this.deps.cameras.update(cameraId, { status, lastError, updatedAt: this.deps.clock.now() });
    if (updated) publishCameraState(this.deps.publisher, this.deps.clock, updated);
    return updated;
  }

  /** The periodic heartbeat of a running camera with its measured processing FPS. */
  reportFps(camera: Camera, measuredFps: number): void {
    publishCameraState(this.deps.publisher, this.deps.clock, camera, Math.round(measuredFps * 10) / 10);
  }
}
