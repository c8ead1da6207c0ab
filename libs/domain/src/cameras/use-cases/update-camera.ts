import { NotFoundError } from '../../shared/errors';
import type { Principal } from '../../users/user';
import type { Camera, CameraPatch } from '../camera';
import { CameraGuard } from '../camera-guard';
import { keepStoredPassword, parseCameraInput, type CameraInput } from '../camera-input';
import type { CameraDeps } from './camera-deps';
import { applyToStream } from './apply-to-stream';

export type UpdateCameraDeps = Pick<CameraDeps, 'cameras' | 'publisher' | 'clock' | 'streams'>;

/** Replaces a camera's settings (PUT). A running stream follows: stopped when disabled, restarted on a new URL. */
export class UpdateCamera {
  private readonly guard: CameraGuard;

  constructor(private readonly deps: UpdateCameraDeps) {
    this.guard = new CameraGuard(deps.cameras);
  }

  async execute(principal: Principal, id: string, input: CameraInput): Promise<Camera> {
    const current = await this.guard.manageable(principal, id);
    const valid = parseCameraInput(input);
    const patch: CameraPatch = {
      name: valid.name,
      location: valid.location,
      rtspUrl: keepStoredPassword(valid.rtspUrl, current.rtspUrl),
      updatedAt: this.deps.clock.now(),
    };
    if (valid.enabled !== undefined) patch.enabled = valid.enabled;
    if (valid.detectionEnabled !== undefined) patch.detectionEnabled = valid.detectionEnabled;
    if (valid.fps !== undefined) patch.fps = valid.fps;
    if (valid.zones !== undefined) patch.zones = valid.zones;
    if (valid.objects !== undefined) patch.objects = valid.objects;
    if (valid.recording !== undefined) patch.recording = valid.recording;
    if (valid.workerLabel !== undefined) patch.workerLabel = valid.workerLabel;
    if (valid.detectRtspUrl === null) patch.detectRtspUrl = null;
    else if (valid.detectRtspUrl !== undefined) {
      patch.detectRtspUrl = current.detectRtspUrl ? keepStoredPassword(valid.detectRtspUrl, current.detectRtspUrl) : valid.detectRtspUrl.toString();
    }
    const updated = await this.deps.cameras.update(id, patch);
    if (!updated) throw new NotFoundError('Camera not found');
    return applyToStream(this.deps, current, updated);
  }
}
