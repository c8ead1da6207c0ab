/** A camera as the API returns it (see CONTRACT.md); `rtspUrl` arrives with its password masked. */
export type CameraStatus = 'starting' | 'running' | 'stopped' | 'error';

export interface Camera {
  id: string;
  name: string;
  location: string;
  rtspUrl: string;
  enabled: boolean;
  detectionEnabled: boolean;
  /** The processing FPS setting (1–30), not the measured rate. */
  fps: number;
  status: CameraStatus;
  /** Why the camera is in error. */
  error?: string;
  ownerId: string;
  /** Present only for the owner and admins, who may change it. */
  viewerIds?: string[];
  createdAt: string;
  updatedAt: string;
}

/** The fields a camera is created or replaced with (`POST` / `PUT /api/cameras`). */
export interface CameraInput {
  name: string;
  location: string;
  rtspUrl: string;
  enabled: boolean;
  detectionEnabled: boolean;
  fps: number;
}
