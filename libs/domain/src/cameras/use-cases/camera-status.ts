import type { Camera, CameraStatus } from '../camera';
import { publishCameraState } from '../camera-events';
import { maskRtspCredentials } from '../rtsp-url';
import type { CameraDeps } from './camera-deps';

export type CameraStatusDeps = Pick<CameraDeps, 'cameras' | 'publisher' | 'clock'>;

/**
 * Records what the running side reports about a camera (status, error, measured FPS) and
 * tells everyone who may see it. Error texts are stripped of credentials before they are stored.
 */
export class CameraStatusReporter {
  constructor(private readonly deps: CameraStatusDeps) {}

  /**
   * `known`: the caller's copy of the camera. When the database cannot be reached, the change is
   * still published from it (viewers must see a camera fail even during an outage) and the error
   * is thrown, for the caller to store the status again later.
   */
  async setStatus(cameraId: string, status: CameraStatus, error?: string, known?: Camera): Promise<Camera | null> {
    const lastError = status === 'error' ? maskRtspCredentials(error ?? 'unknown error').slice(0, 500) : null;
    let updated: Camera | null;
    try {
      const current = await this.deps.cameras.findById(cameraId);
      if (!current) return null;
      if (current.status === status && current.lastError === lastError) return current;
      updated = await this.deps.cameras.update(cameraId, { status, lastError, updatedAt: this.deps.clock.now() });
    } catch (e) {
      if (known) publishCameraState(this.deps.publisher, this.deps.clock, { ...known, status, lastError });
      throw e;
    }
    if (updated) publishCameraState(this.deps.publisher, this.deps.clock, updated);
    return updated;
  }

  /** The periodic heartbeat of a running camera with its measured processing FPS. */
  reportFps(camera: Camera, measuredFps: number): void {
    publishCameraState(this.deps.publisher, this.deps.clock, camera, Math.round(measuredFps * 10) / 10);
  }
}
