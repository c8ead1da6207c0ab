import { ConflictError } from '../../shared/errors';
import type { Principal } from '../../users/user';
import type { Camera } from '../camera';
import { CameraGuard } from '../camera-guard';
import type { CameraDeps } from './camera-deps';
import { CameraStatusReporter } from './camera-status';

export type CameraRunDeps = Pick<CameraDeps, 'cameras' | 'publisher' | 'clock' | 'streams'>;

/** Start and stop a camera's stream (owner or admin). Both answer at once; progress comes as camera_state. */
export class CameraRun {
  private readonly guard: CameraGuard;

  constructor(private readonly deps: CameraRunDeps) {
    this.guard = new CameraGuard(deps.cameras);
  }

  async start(principal: Principal, id: string): Promise<Camera> {
    const camera = await this.guard.manageable(principal, id);
    if (!camera.enabled) throw new ConflictError('Camera is disabled; enable it before starting it');
    await this.deps.streams.start(camera);
    return (await this.deps.cameras.findById(id)) ?? camera;
  }

  async stop(principal: Principal, id: string): Promise<Camera> {
    const camera = await this.guard.manageable(principal, id);
    const { streams } = this.deps;
    if (streams.isActive(id)) {
      await streams.stop(id);
    } else if (camera.status !== 'stopped') {
      // Not running here (e.g. left in error by a previous run): record the user's stop anyway,
      // and tell the consoles, which still show the old state.
      await new CameraStatusReporter(this.deps).setStatus(id, 'stopped');
    }
    return (await this.deps.cameras.findById(id)) ?? camera;
  }
}
