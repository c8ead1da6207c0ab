import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { CameraQueries, type Principal } from '@argus/domain';
import { ARGUS_CONFIG, type ArgusConfig } from '@argus/config';
import { LIVE_BACKEND, type LiveBackend } from './live-backend';
import type { LiveViewDto } from './live.dto';

/** Live view follows camera visibility: a camera the caller may not see is "not found". */
@Injectable()
export class LiveViewService {
  constructor(
    private readonly cameras: CameraQueries,
    @Inject(LIVE_BACKEND) private readonly backend: LiveBackend,
    @Inject(ARGUS_CONFIG) private readonly config: ArgusConfig,
  ) {}

  async describe(principal: Principal, cameraId: string): Promise<LiveViewDto> {
    await this.cameras.get(principal, cameraId);
    this.assertLive(cameraId);
    return { whepUrl: this.backend.whepUrl(cameraId), iceServers: this.config.iceServers };
  }

  /** 409 while the camera is stopped or still connecting (clients retry after a camera_state "running"). */
  assertLive(cameraId: string): void {
    if (!this.backend.isLive(cameraId)) {
      throw new ConflictException('The camera is not streaming yet: start it, or wait until it is running');
    }
  }
}
