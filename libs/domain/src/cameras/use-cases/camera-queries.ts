import { normalizePage, type Page } from '../../shared/pagination';
import type { Principal } from '../../users/user';
import type { Camera } from '../camera';
import { CameraGuard } from '../camera-guard';
import type { CameraRepository } from '../camera-repository';

export interface CameraListInput {
  page?: number;
  limit?: number;
  enabled?: boolean;
}

/** Reading cameras: a caller only ever learns about cameras they may see. */
export class CameraQueries {
  private readonly guard: CameraGuard;

  constructor(private readonly cameras: CameraRepository) {
    this.guard = new CameraGuard(cameras);
  }

  get(principal: Principal, id: string): Promise<Camera> {
    return this.guard.visible(principal, id);
  }

  async list(principal: Principal, input: CameraListInput): Promise<Page<Camera>> {
    const { page, limit, offset } = normalizePage(input.page, input.limit);
    const { items, total } = await this.cameras.list({
      visibleToUserId: principal.role === 'admin' ? undefined : principal.userId,
      enabled: input.enabled,
      offset,
      limit,
    });
    return { items, total, page, limit };
  }
}
