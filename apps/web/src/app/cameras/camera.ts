/** A camera as the API returns it (see CONTRACT.md); `rtspUrl` arrives with its password masked. */
export type CameraStatus = 'starting' | 'running' | 'stopped' | 'error';

export interface Camera {
  id: string;
  name: string;
  location: string;
  rtspUrl: string;
  enabled: boolean;
  detectionEnabled: boolean;
  fps: number;
  status: CameraStatus;
  createdAt: string;
  updatedAt: string;
}
