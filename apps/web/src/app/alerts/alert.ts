/** A face alert as the API and the `alert` socket event carry it (see CONTRACT.md). */
export interface Alert {
  alertId: string;
  cameraId: string;
  /** ISO 8601 capture time of the frame. */
  timestamp: string;
  /** Source-frame pixels. */
  bbox: { x: number; y: number; width: number; height: number };
  /** Relative, signed for the signed-in user; loads in an <img> without headers until it expires. */
  snapshotUrl?: string;
  meta: { score?: number; frameWidth?: number; frameHeight?: number; faces?: number; [key: string]: unknown };
}

/** Newest first, as every alert list in the console is ordered. */
export function newestFirst(a: Alert, b: Alert): number {
  return Date.parse(b.timestamp) - Date.parse(a.timestamp);
}
