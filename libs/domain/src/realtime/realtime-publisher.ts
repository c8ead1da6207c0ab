import type { Alert } from '../alerts/alert';
import type { CameraStatus } from '../cameras/camera';
import type { CameraAudience } from '../cameras/camera-access';
import type { ObjectBox } from '../detection/object-detector';

export interface CameraStateEvent {
  cameraId: string;
  status: CameraStatus;
  fps: number;
  error?: string;
  timestamp: string;
}

export interface DetectionBox {
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
}

export interface DetectionsEvent {
  cameraId: string;
  /** Capture time of the frame (ISO 8601). */
  ts: string;
  /**
   * The frame's presentation time on the camera's 90 kHz clock. The embedded live view sends it as
   * the RTP timestamp (modulo 2^32), so a browser can draw the boxes on exactly this picture.
   */
  pts90k?: number;
  frameWidth: number;
  frameHeight: number;
  boxes: DetectionBox[];
  /**
   * The camera's latest object result (labels it asks for, outside masks), in the same pixels as
   * `boxes`; empty when the camera asks for no objects or its last result is stale.
   */
  objects: ObjectBox[];
}

/**
 * Pushes events to connected consoles. The audience is decided by the domain's access rules;
 * an adapter only maps it onto its rooms and must never widen it.
 */
export interface RealtimePublisher {
  /** The adapter renders the alert for each recipient (snapshot links are signed per user). */
  publishAlert(alert: Alert, audience: CameraAudience): void;
  /** An alert changed after it was raised (its identity): `alert_updated`, to the same audience, rendered the same way. */
  alertUpdated(alert: Alert, audience: CameraAudience): void;
  publishCameraState(event: CameraStateEvent, audience: CameraAudience): void;
  /** Only to clients that subscribed to the camera and may see it. */
  publishDetections(event: DetectionsEvent): void;
  /** A camera's audience changed (viewers list, deletion): re-check who may stay subscribed. */
  audienceChanged(audience: CameraAudience | { cameraId: string; removed: true }): void;
}
