import type { Camera } from '../cameras/camera';

/**
 * The running side of a camera (RTSP pull, detection, live view). The camera pipeline implements it;
 * the camera use cases call it so that deleting, disabling or re-pointing a camera stops its stream.
 */
export interface CameraStreamController {
  start(camera: Camera): Promise<void>;
  stop(cameraId: string): Promise<void>;
  /** Detection switch and FPS apply to a running stream without a restart. */
  reconfigure(camera: Camera): Promise<void>;
  isActive(cameraId: string): boolean;
}
