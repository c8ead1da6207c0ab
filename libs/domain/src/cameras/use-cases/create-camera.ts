import { ForbiddenError } from '../../shared/errors';
import type { Principal } from '../../users/user';
import type { Camera } from '../camera';
import { canCreateCamera } from '../camera-access';
import { parseCameraInput, type CameraInput } from '../camera-input';
import { copyRecording } from '../camera-recording';
import type { CameraDeps } from './camera-deps';

export type CreateCameraDeps = Pick<CameraDeps, 'cameras' | 'clock' | 'ids' | 'defaultFps'>;

/** Admins and operators add cameras and become their owners. A new camera is stopped. */
export class CreateCamera {
  constructor(private readonly deps: CreateCameraDeps) {}

  async execute(principal: Principal, input: CameraInput): Promise<Camera> {
    if (!canCreateCamera(principal)) throw new ForbiddenError('Viewers cannot add cameras');
    const valid = parseCameraInput(input);
    const now = this.deps.clock.now();
    const camera: Camera = {
      id: this.deps.ids.next(),
      name: valid.name,
      location: valid.location,
      rtspUrl: valid.rtspUrl.toString(),
      enabled: valid.enabled ?? true,
      detectionEnabled: valid.detectionEnabled ?? true,
      fps: valid.fps ?? this.deps.defaultFps,
      status: 'stopped',
      lastError: null,
      ownerId: principal.userId,
      viewerIds: [],
      zones: valid.zones ?? [],
      objects: valid.objects ?? [],
      recording: copyRecording(valid.recording),
      detectRtspUrl: valid.detectRtspUrl ? valid.detectRtspUrl.toString() : null,
      workerLabel: valid.workerLabel ?? null,
      node: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.cameras.create(camera);
    return camera;
  }
}
