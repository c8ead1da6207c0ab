import { NotFoundError, ValidationError } from '../../shared/errors';
import { MAX_CAMERA_VIEWERS } from '../../shared/limits';
import type { Principal } from '../../users/user';
import type { Camera, CameraPatch } from '../camera';
import { cameraAudience } from '../camera-access';
import { CameraGuard } from '../camera-guard';
import { parseOptionalBoolean } from '../camera-input';
import { parseFps } from '../fps';
import { parseZones } from '../../zones/zone';
import { parseObjectLabels } from '../camera-objects';
import { parseRecording } from '../camera-recording';
import type { CameraDeps } from './camera-deps';
import { applyToStream } from './apply-to-stream';

export type CameraSettingsDeps = Pick<CameraDeps, 'cameras' | 'users' | 'publisher' | 'clock' | 'streams'>;

/** The runtime switches of a camera (detection, FPS, zones) and who may view it. */
export class CameraSettings {
  private readonly guard: CameraGuard;

  constructor(private readonly deps: CameraSettingsDeps) {
    this.guard = new CameraGuard(deps.cameras);
  }

  // async, so that invalid input rejects the returned promise instead of throwing synchronously.
  async setDetection(principal: Principal, id: string, enabled: unknown): Promise<Camera> {
    const value = parseOptionalBoolean('enabled', enabled);
    if (value === undefined) throw new ValidationError('enabled must be a boolean');
    return this.change(principal, id, { detectionEnabled: value });
  }

  async setFps(principal: Principal, id: string, fps: unknown): Promise<Camera> {
    return this.change(principal, id, { fps: parseFps(fps) });
  }

  /** Replaces the camera's masks and zones; a running camera applies them to its next frame. */
  async setZones(principal: Principal, id: string, zones: unknown): Promise<Camera> {
    return this.change(principal, id, { zones: parseZones(zones) });
  }

  /** Replaces the object labels the camera alerts on; a running camera follows without a restart. */
  async setObjects(principal: Principal, id: string, labels: unknown): Promise<Camera> {
    return this.change(principal, id, { objects: parseObjectLabels(labels) });
  }

  /** Sets what the camera records; seconds left out keep the stored ones. */
  async setRecording(principal: Principal, id: string, body: unknown): Promise<Camera> {
    const current = await this.guard.manageable(principal, id);
    return this.change(principal, id, { recording: parseRecording(body, current.recording, '') });
  }

  /** Replaces the viewers list; every id must name an existing user. */
  async setViewers(principal: Principal, id: string, userIds: unknown): Promise<Camera> {
    const camera = await this.guard.manageable(principal, id);
    const ids = await this.parseViewerIds(userIds);
    const updated = await this.deps.cameras.update(camera.id, { viewerIds: ids, updatedAt: this.deps.clock.now() });
    if (!updated) throw new NotFoundError('Camera not found');
    this.deps.publisher.audienceChanged(cameraAudience(updated));
    // A running stream addresses its alerts and heartbeats to the camera it was given: hand it the new list.
    if (this.deps.streams.isActive(updated.id)) await this.deps.streams.reconfigure(updated);
    return updated;
  }

  private async change(principal: Principal, id: string, patch: CameraPatch): Promise<Camera> {
    const current = await this.guard.manageable(principal, id);
    const updated = await this.deps.cameras.update(id, { ...patch, updatedAt: this.deps.clock.now() });
    if (!updated) throw new NotFoundError('Camera not found');
    return applyToStream(this.deps, current, updated);
  }

  private async parseViewerIds(value: unknown): Promise<string[]> {
    if (!Array.isArray(value) || value.length > MAX_CAMERA_VIEWERS || value.some((v) => typeof v !== 'string')) {
      throw new ValidationError(`userIds must be an array of at most ${MAX_CAMERA_VIEWERS} user id strings`);
    }
    const unique = [...new Set(value as string[])];
    const unknown: string[] = [];
    for (const userId of unique) {
      if (!(await this.deps.users.findById(userId))) unknown.push(userId);
    }
    if (unknown.length > 0) {
      throw new ValidationError(`unknown user ids: ${unknown.slice(0, 10).join(', ')}`);
    }
    return unique;
  }
}
