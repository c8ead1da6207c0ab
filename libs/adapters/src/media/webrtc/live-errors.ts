/** The viewer's SDP offer cannot be answered (no video, no usable H.264): a client error. */
export class InvalidOfferError extends Error {
  override readonly name = 'InvalidOfferError';
}

/** The camera is not streaming (stopped, or still connecting): nothing to watch yet. */
export class CameraNotLiveError extends Error {
  override readonly name = 'CameraNotLiveError';
  constructor(readonly cameraId: string) {
    super(`camera ${cameraId} is not streaming`);
  }
}

/** The gateway's viewer limit (per camera or in total) is reached. */
export class TooManyViewersError extends Error {
  override readonly name = 'TooManyViewersError';
}
