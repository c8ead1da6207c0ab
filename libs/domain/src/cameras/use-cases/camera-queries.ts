import { normalizePage, type Page } from '../../shared/pagination';
import type { Principal } from '../../users/user';
import type { Camera } from '../camera';
import { CameraGuard } from '../camera-guard';
import type { CameraDeps } from './camera-deps';

export interface CameraListInput {
  page?: number;
  limit?: number;
  enabled?: boolean;
}

export type CameraQueriesDeps = Pick<CameraDeps, 'cameras'>;

/** Reading cameras: a caller only ever learns about cameras they may see. */
export class CameraQueries {
  private readonly guard: CameraGuard;

  constructor(private readonly deps: CameraQueriesDeps) {
    this.guard = new CameraGuard(deps.cameras);
  }

  get(principal: Principal, id: string): Promise<Camera> {
    return this.guard.visible(principal, id);
  }

  async list(principal: Principal, input: CameraListInput): Promise<Page<Camera>> {
    const { page, limit, offset } = normalizePage(input.page, input.limit);
    const { items, total } = await this.deps.cameras.list({
      visibleToUserId: principal.role === 'admin' ? undefined : principal.userId,
      enabled: input.enabled,
      offset,
      limit,
    });
    return { items, total, page, limit };
  }
}
