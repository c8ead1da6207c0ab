import { ForbiddenError, NotFoundError } from '../shared/errors';
import type { Principal } from '../users/user';
import type { Camera } from './camera';
import { canManageCamera, canViewCamera } from './camera-access';
import type { CameraRepository } from './camera-repository';

/** Loads a camera for a caller: invisible cameras are "not found", visible but not theirs "forbidden". */
export class CameraGuard {
  constructor(private readonly cameras: CameraRepository) {}

  async visible(principal: Principal, id: string): Promise<Camera> {
    const camera = await this.cameras.findById(id);
    if (!camera || !canViewCamera(principal, camera)) {
      throw new NotFoundError('Camera not found');
    }
    return camera;
  }

  async manageable(principal: Principal, id: string): Promise<Camera> {
    const camera = await this.visible(principal, id);
    if (!canManageCamera(principal, camera)) {
      throw new ForbiddenError('You may view this camera but not change it');
    }
    return camera;
  }
}
