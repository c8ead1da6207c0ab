import type { Clock } from '../shared/clock';
import type { RealtimePublisher } from '../realtime/realtime-publisher';
import type { Camera } from './camera';
import { cameraAudience } from './camera-access';

/** Publishes a camera's state to everyone who may see it. */
export function publishCameraState(
  publisher: RealtimePublisher,
  clock: Clock,
  camera: Camera,
  measuredFps?: number,
): void {
  publisher.publishCameraState(
    {
      cameraId: camera.id,
      status: camera.status,
      fps: measuredFps ?? (camera.status === 'running' ? camera.fps : 0),
      ...(camera.status === 'error' && camera.lastError ? { error: camera.lastError } : {}),
      timestamp: clock.now().toISOString(),
    },
    cameraAudience(camera),
  );
}
