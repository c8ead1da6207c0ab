/** A fencing token handed to the new holder of a camera. */
export interface FenceTake {
  token: number;
  /** Who held the camera before and whether it let go properly (null: nobody ever did). */
  previous: { owner: string; released: boolean } | null;
}

/**
 * Fencing tokens per camera, kept in the database (they must outlive a lease store that restarts
 * empty). Each new holder gets a larger token; a write made with an older one is refused, and a
 * holder whose token is no longer the newest knows it was taken over.
 */
export interface CameraFences {
  take(cameraId: string, owner: string): Promise<FenceTake>;
  /** The cameras among these whose token is no longer the newest. */
  stale(held: ReadonlyArray<{ cameraId: string; token: number }>): Promise<string[]>;
  /** The holder let go properly (a later take need not wait for it). */
  release(cameraId: string, token: number): Promise<void>;
}
