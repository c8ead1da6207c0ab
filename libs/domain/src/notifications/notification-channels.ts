import type { Alert } from '../alerts/alert';
import type { Camera } from '../cameras/camera';
import type { CameraStateEvent } from '../realtime/realtime-publisher';
import type { PushSubscription } from './notification-repositories';

export interface WebhookRequest {
  url: string;
  secret: string | null;
  body: string;
}

export interface WebhookSendResult {
  ok: boolean;
  /** The receiver's HTTP status; null when it never answered (refused, timed out, not allowed). */
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** Posts one signed delivery (the adapter signs, times out and refuses what the settings forbid). */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookSendResult>;
}

/** What a browser notification shows. */
export interface PushMessage {
  title: string;
  body: string;
  /** The snapshot, a link signed for the subscriber (relative to Argus's address). */
  image?: string;
  /** What a click opens (relative to Argus's address). */
  url: string;
  alertId: string;
  cameraId: string;
}

/** `gone`: the push service no longer knows the subscription (404/410): it is removed. */
export type PushResult = { outcome: 'sent' } | { outcome: 'gone' } | { outcome: 'failed'; error: string };

export interface PushSender {
  send(subscription: PushSubscription, message: PushMessage): Promise<PushResult>;
}

/**
 * An installation-wide channel (MQTT): every alert and camera state, with no per-user filtering.
 * Calls return at once; a channel that is down never slows Argus.
 */
export interface AlertBroadcaster {
  alertRaised(alert: Alert, camera: Camera): void;
  alertUpdated(alert: Alert, camera: Camera): void;
  cameraState(event: CameraStateEvent, camera: Camera | null): void;
  cameraRemoved(cameraId: string): void;
}

export interface NotificationLog {
  warn(message: string): void;
}
