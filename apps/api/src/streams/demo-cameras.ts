import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CreateCamera, toPrincipal, type CameraRepository, type CameraStreamController, type UserRepository } from '@argus/domain';
import { ARGUS_CONFIG, type ArgusConfig } from '@argus/config';
import { CAMERA_REPOSITORY, USER_REPOSITORY } from '../persistence/tokens';
import { CAMERA_STREAMS } from '../cluster/cluster.tokens';

/**
 * `npm run demo`: registers the simulated cameras named in DEMO_CAMERAS (`name=rtsp://…;…`)
 * for the first admin, once, and starts them.
 */
@Injectable()
export class DemoCameras implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(ARGUS_CONFIG) private readonly config: ArgusConfig,
    @Inject(CAMERA_REPOSITORY) private readonly cameras: CameraRepository,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    private readonly create: CreateCamera,
    // The running side the camera use cases drive (in a cluster, the workers).
    @Inject(CAMERA_STREAMS) private readonly streams: CameraStreamController,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.demoCameras.length === 0) return;
    const admin = (await this.users.list()).find((u) => u.role === 'admin');
    if (!admin) return;
    const existing = await this.cameras.listAll();
    for (const { name, url } of this.config.demoCameras) {
      let camera = existing.find((c) => c.rtspUrl === url);
      if (!camera) {
        camera = await this.create.execute(toPrincipal(admin), { name, location: 'Camera simulator', rtspUrl: url });
        this.logger.log(`registered demo camera "${name}"`);
      }
      if (camera.enabled) await this.streams.start(camera);
    }
  }
}
