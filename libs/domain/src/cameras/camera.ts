import type { ObjectLabel } from '../detection/object-detector';
import { copyZones, type CameraZone } from '../zones/zone';
import { copyRecording, type CameraRecording } from './camera-recording';
import { maskRtspCredentials } from './rtsp-url';

export const CAMERA_STATUSES = ['starting', 'running', 'stopped', 'error'] as const;
export type CameraStatus = (typeof CAMERA_STATUSES)[number];

/** A stored camera. `rtspUrl` holds the credentials; answers only ever carry the masked form. */
export interface Camera {
  id: string;
  name: string;
  location: string;
  rtspUrl: string;
  enabled: boolean;
  detectionEnabled: boolean;
  fps: number;
  status: CameraStatus;
  /** Why the camera is in `error`, already free of credentials. */
  lastError: string | null;
  ownerId: string;
  viewerIds: string[];
  /**
   * Masks and zones over the picture (see zones/zone.ts). Repositories always fill it (`[]` for
   * cameras stored before zones existed); optional so that cameras built elsewhere need not name it.
   */
  zones?: CameraZone[];
  /** Object labels to alert on (COCO names); repositories fill `[]` for cameras stored before. */
  objects?: ObjectLabel[];
  /** What the camera records; repositories fill the default for cameras stored before. */
  recording?: CameraRecording;
  /** A smaller stream of the same camera that detection decodes instead of `rtspUrl` (with credentials). */
  detectRtspUrl?: string | null;
  /** In cluster mode: only workers carrying this label run the camera. */
  workerLabel?: string | null;
  /** In cluster mode: the worker running the camera now. */
  node?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type CameraPatch = Partial<
  Pick<
    Camera,
    'name' | 'location' | 'rtspUrl' | 'enabled' | 'detectionEnabled' | 'fps' | 'status' | 'lastError' | 'ownerId' | 'viewerIds' | 'zones' | 'objects' | 'recording' | 'detectRtspUrl' | 'workerLabel' | 'node' | 'updatedAt'
  >
>;

export interface CameraView {
  id: string;
  name: string;
  location: string;
  rtspUrl: string;
  enabled: boolean;
  detectionEnabled: boolean;
  fps: number;
  status: CameraStatus;
  error?: string;
  ownerId: string;
  /** Only for callers who may change the viewers list. */
  viewerIds?: string[];
  zones: CameraZone[];
  objects: ObjectLabel[];
  recording: CameraRecording;
  /** Masked like `rtspUrl`; only when set. */
  detectRtspUrl?: string;
  /** Only when set. */
  workerLabel?: string;
  /** Only in cluster mode, while a worker runs the camera. */
  node?: string;
  createdAt: string;
  updatedAt: string;
}

export function toCameraView(camera: Camera, options: { includeViewers: boolean }): CameraView {
  const view: CameraView = {
    id: camera.id,
    name: camera.name,
    location: camera.location,
    rtspUrl: maskRtspCredentials(camera.rtspUrl),
    enabled: camera.enabled,
    detectionEnabled: camera.detectionEnabled,
    fps: camera.fps,
    status: camera.status,
    ownerId: camera.ownerId,
    zones: copyZones(camera.zones),
    objects: [...(camera.objects ?? [])],
    recording: copyRecording(camera.recording),
    createdAt: camera.createdAt.toISOString(),
    updatedAt: camera.updatedAt.toISOString(),
  };
  if (camera.detectRtspUrl) view.detectRtspUrl = maskRtspCredentials(camera.detectRtspUrl);
  if (camera.workerLabel) view.workerLabel = camera.workerLabel;
  if (camera.node) view.node = camera.node;
  if (camera.status === 'error' && camera.lastError) {
    view.error = camera.lastError;
  }
  if (options.includeViewers) {
    view.viewerIds = [...camera.viewerIds];
  }
  return view;
}
