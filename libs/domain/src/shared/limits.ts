/**
 * Bounds on input that several rules share. A limit that belongs to one rule lives next to it
 * (FPS in cameras/fps.ts, pages in shared/pagination.ts, names in cameras/camera-input.ts,
 * usernames and passwords in users/credentials.ts).
 */

/** Longest id anywhere in the API: path parameters, `cameraId` fields, viewer ids. */
export const MAX_ID_LENGTH = 100;

/** Longest URL Argus stores: a camera's RTSP address or an outside worker's snapshot link. */
export const MAX_URL_LENGTH = 2048;

/** Most users one camera may be shared with. */
export const MAX_CAMERA_VIEWERS = 1000;
