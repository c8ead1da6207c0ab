import type { ApiQuery, ApiSchema } from '../api/api-types';

/**
 * A camera as the API answers it. `rtspUrl` arrives with its password masked; `fps` is the
 * processing setting, not the measured rate; `viewerIds` is there only for the owner and admins.
 */
export type Camera = ApiSchema<'Camera'>;

export type CameraStatus = Camera['status'];

/** One page of `GET /api/cameras`, oldest first. */
export type CameraPage = ApiSchema<'CameraPage'>;

/** The fields a camera is created or replaced with (`POST` / `PUT /api/cameras`). */
export type CameraInput = ApiSchema<'CameraBodyDto'>;

/** `GET /api/cameras?page=&limit=&enabled=` (the API caps `limit`). */
export type CameraQuery = ApiQuery<'CamerasController_list'>;

/** How the API starts the reason of a camera whose detection stream (`detectRtspUrl`) failed. */
export const DETECTION_STREAM_FAILED = 'detection stream: ';

/**
 * Whether the camera's main stream is up, so live view can play: while it starts or runs, and in
 * `error` when only its detection stream failed (the main stream still feeds live view then).
 */
export function mainStreamUp(camera: Pick<Camera, 'status' | 'error'>): boolean {
  if (camera.status === 'starting' || camera.status === 'running') return true;
  return camera.status === 'error' && (camera.error ?? '').startsWith(DETECTION_STREAM_FAILED);
}
