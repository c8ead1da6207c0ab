import type { ObjectLabel } from '../detection/object-detector';
import type { AlertKind } from '../notifications/notification-filters';
import type { AlertIdentity } from '../people/person';
import type { BoundingBox } from './bounding-box';

/** Detection facts every alert carries; further keys are free-form (e.g. trackId). */
export interface AlertMeta {
  score: number | null;
  frameWidth: number | null;
  frameHeight: number | null;
  faces: number;
  [key: string]: unknown;
}

export interface Alert {
  alertId: string;
  cameraId: string;
  /** Capture time of the frame. */
  timestamp: Date;
  bbox: BoundingBox;
  /** An absolute URL given by an external worker. */
  snapshotUrl: string | null;
  /** A snapshot kept by Argus's SnapshotStore; turned into a URL for each answer. */
  snapshotKey: string | null;
  meta: AlertMeta;
  createdAt: Date;
  /** Who the face is: a person, null for an unknown face; absent when recognition did not run. */
  person?: AlertIdentity | null;
  /** The unknown group of an unknown face: the same id for the same stranger on every camera. */
  unknownId?: string | null;
  /** What raised it: a face or an object. Repositories always fill it; an alert built without it is a face. */
  kind?: AlertKind;
  /** The camera's zones the detection was in (names at the time of the alert); empty without zones. */
  zones?: string[];
  /** What an object alert saw (a COCO label); absent or null for faces. */
  label?: ObjectLabel | null;
  /** The alert's video clip in the media store, once it is stored. */
  clipKey?: string | null;
}

export interface AlertView {
  alertId: string;
  cameraId: string;
  timestamp: string;
  kind: AlertKind;
  zones: string[];
  bbox: BoundingBox;
  snapshotUrl?: string;
  /** A link to the alert's MP4 clip, once it is stored. */
  clipUrl?: string;
  /** Object alerts only. */
  label?: ObjectLabel;
  meta: AlertMeta;
  person?: AlertIdentity | null;
  unknownId?: string | null;
}

/**
 * `mediaUrlFor` turns a stored media key (the snapshot's, the clip's) into a URL the console can load;
 * without it, stored media have no URL in the answer.
 */
export function toAlertView(alert: Alert, mediaUrlFor?: (key: string, alert: Alert) => string): AlertView {
  const view: AlertView = {
    alertId: alert.alertId,
    cameraId: alert.cameraId,
    timestamp: alert.timestamp.toISOString(),
    kind: alert.kind ?? 'face',
    zones: [...(alert.zones ?? [])],
    bbox: { ...alert.bbox },
    meta: { ...alert.meta },
  };
  if (alert.person !== undefined) view.person = alert.person ? { ...alert.person } : null;
  if (alert.unknownId !== undefined) view.unknownId = alert.unknownId;
  if (alert.label) view.label = alert.label;
  if (alert.clipKey && mediaUrlFor) view.clipUrl = mediaUrlFor(alert.clipKey, alert);
  if (alert.snapshotKey && mediaUrlFor) {
    view.snapshotUrl = mediaUrlFor(alert.snapshotKey, alert);
  } else if (alert.snapshotUrl) {
    view.snapshotUrl = alert.snapshotUrl;
  }
  return view;
}
