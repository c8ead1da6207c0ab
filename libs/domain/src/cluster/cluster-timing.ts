/**
 * The cluster's clocks, all derived from the camera lease (CAMERA_LEASE_S). The order matters:
 * a worker renews three times per lease, checks its fencing tokens every second, and a worker that
 * takes a camera over from a live-looking holder waits `takeoverDelayMs` first, so the old holder
 * (which stops at its next fence check) has stopped before the new one starts.
 */
export interface ClusterTiming {
  /** A camera lease lasts this long without renewal. */
  leaseMs: number;
  renewMs: number;
  /** How often each worker compares what it runs with what should run. */
  reconcileMs: number;
  /** How often each worker checks that nobody took its cameras over (the fencing tokens). */
  fenceCheckMs: number;
  /** Wait between taking a camera over from a holder that did not release it and starting it. */
  takeoverDelayMs: number;
  /** Each node announces itself this often; a node silent for `nodeTtlMs` is gone. */
  heartbeatMs: number;
  nodeTtlMs: number;
  /**
   * A lease store that starts empty (first start, or restarted without its data) grants no new
   * camera lease for this long: the workers still running cameras take theirs back first.
   */
  quietMs: number;
  /** A command to another node gets no answer within this: it is given up. */
  commandTimeoutMs: number;
}

export const DEFAULT_CAMERA_LEASE_MS = 10_000;
export const MIN_CAMERA_LEASE_MS = 3_000;

export function clusterTiming(leaseMs: number = DEFAULT_CAMERA_LEASE_MS): ClusterTiming {
  if (!Number.isFinite(leaseMs) || leaseMs < MIN_CAMERA_LEASE_MS) {
    throw new Error(`the camera lease must last at least ${MIN_CAMERA_LEASE_MS} ms (got ${leaseMs})`);
  }
  // Once a second, more often with a short lease (the take-over wait below follows it).
  const fenceCheckMs = Math.max(250, Math.min(1000, Math.floor(leaseMs / 10)));
  return {
    leaseMs,
    renewMs: Math.floor(leaseMs / 3),
    reconcileMs: 1000,
    fenceCheckMs,
    // Two fence checks and the time a session takes to stop writing (it stops at once; its
    // ffmpeg children within their grace period, well under this).
    takeoverDelayMs: 2 * fenceCheckMs + 500,
    heartbeatMs: 1000,
    nodeTtlMs: 3000,
    quietMs: leaseMs,
    commandTimeoutMs: 5000,
  };
}

/** The lease name of a camera in the lease store. */
export const cameraLease = (cameraId: string): string => `camera:${cameraId}`;
/** The lease of the node that dispatches notifications and watches unplaced cameras. */
export const LEADER_LEASE = 'leader';
