import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { WhepGateway } from '@argus/adapters/media/webrtc';
import type { ArgusConfig } from '../config/argus-config';
import { EmbeddedLiveBackend } from './embedded-live.backend';
import { LIVE_BACKEND, LIVE_VIDEO_HUB, type LiveBackend } from './live-backend';
import { LiveViewService } from './live-view.service';
import { LiveController } from './live.controller';
import { WhepController } from './whep.controller';

@Injectable()
class LiveShutdown implements OnApplicationShutdown {
  constructor(@Inject(LIVE_BACKEND) private readonly backend: LiveBackend) {}

  async onApplicationShutdown(): Promise<void> {
    await this.backend.close();
  }
}

function embeddedProviders(config: ArgusConfig): Provider[] {
  const logger = new Logger('Live');
  return [
    {
      provide: WhepGateway,
      useFactory: () =>
        new WhepGateway({
          iceServers: config.iceServers,
          udpPortRange: config.webrtcUdpPorts ?? undefined,
          log: (message) => logger.debug(message),
        }),
    },
    { provide: LIVE_BACKEND, useFactory: (gateway: WhepGateway) => new EmbeddedLiveBackend(gateway), inject: [WhepGateway] },
  ];
}

/**
 * Live view: `GET /api/cameras/:id/live`, and either the embedded WHEP gateway (default) or
 * MediaMTX (MEDIAMTX_URL set). Exports LIVE_VIDEO_HUB for the camera runtime.
 */
@Module({})
export class LiveModule {
  static forConfig(config: ArgusConfig): DynamicModule {
    return {
      module: LiveModule,
      global: true,
      controllers: [LiveController, WhepController],
      providers: [
        ...embeddedProviders(config),
        { provide: LIVE_VIDEO_HUB, useFactory: (backend: LiveBackend) => backend.hub, inject: [LIVE_BACKEND] },
        LiveViewService,
        LiveShutdown,
      ],
      exports: [LIVE_VIDEO_HUB, LIVE_BACKEND],
    };
  }
}
