import { CameraStatus } from '../cameras/camera';

/** `camera_state`: sent on every change and about every 5 s while running. */
export interface CameraStateEvent {
  cameraId: string;
  status: CameraStatus;
  /** Measured processing FPS. */
  fps: number;
  error?: string;
  timestamp: string;
}

/** How the console's socket stands; "reconnecting" is what the banner shows. */
export type ConnectionState = 'offline' | 'connecting' | 'online' | 'reconnecting';
