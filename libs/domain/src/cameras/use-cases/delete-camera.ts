import type { Principal } from '../../users/user';
import { CameraGuard } from '../camera-guard';
import type { CameraDeps } from './camera-deps';

export type DeleteCameraDeps = Pick<CameraDeps, 'cameras' | 'alerts' | 'publisher' | 'streams' | 'snapshots' | 'crops' | 'recordings'>;

/** Deletes a camera with its alerts, their snapshots and kept faces, and its recordings, stopping its stream first. */
export class DeleteCamera {
  private readonly guard: CameraGuard;

  constructor(private readonly deps: DeleteCameraDeps) {
    this.guard = new CameraGuard(deps.cameras);
  }

  async execute(principal: Principal, id: string): Promise<void> {
    const camera = await this.guard.manageable(principal, id);
    if (this.deps.streams.isActive(camera.id)) {
      await this.deps.streams.stop(camera.id);
    }
    await this.deps.cameras.delete(camera.id);
    await this.deps.alerts.deleteByCamera(camera.id);
    await this.deps.snapshots.deleteForCamera(camera.id);
    await this.deps.crops.deleteForCamera(camera.id);
    await this.deps.recordings?.cameraRemoved(camera.id);
    this.deps.publisher.audienceChanged({ cameraId: camera.id, removed: true });
  }
}
