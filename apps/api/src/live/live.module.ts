import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { MediamtxLiveHub } from '@argus/adapters/media/mediamtx';
import { WhepGateway } from '@argus/adapters/media/webrtc';
import type { ArgusConfig } from '@argus/config';
import { EmbeddedLiveBackend } from './embedded-live.backend';
import { LIVE_BACKEND, LIVE_VIDEO_HUB, type LiveBackend } from './live-backend';
import { LiveViewService } from './live-view.service';
import { LiveController } from './live.controller';
import { MediamtxAccess, MEDIAMTX_PUBLISHER_SECRET } from './mediamtx-access';
import { MediamtxAuthController } from './mediamtx-auth.controller';
import { MediamtxLiveBackend } from './mediamtx-live.backend';
import { MEDIAMTX_PUBLISHER, loadPublisherSecret } from './publisher-secret';
import { WhepController } from './whep.controller';
import { ClusterLiveViewService } from '../cluster/cluster-live-view.service';
import { clusterPublisherSecret } from '../cluster/cluster-secrets';
import { ClusterWhepController } from '../cluster/cluster-whep.controller';

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
          // PUBLIC_HOST: a worker of a cluster offers browsers this address too (media flows to it directly).
          additionalHostAddresses: config.cluster.publicHost ? [config.cluster.publicHost] : undefined,
          log: (message) => logger.debug(message),
        }),
    },
    { provide: LIVE_BACKEND, useFactory: (gateway: WhepGateway) => new EmbeddedLiveBackend(gateway), inject: [WhepGateway] },
  ];
}

function mediamtxProviders(config: ArgusConfig, rtspUrl: string): Provider[] {
  if (!config.mediamtxWebrtcUrl) {
    throw new Error('MEDIAMTX_WEBRTC_URL must be set with MEDIAMTX_URL: it is where browsers reach MediaMTX’s WHEP endpoint');
  }
  const webrtcUrl = config.mediamtxWebrtcUrl;
  const logger = new Logger('Live');
  // In a cluster, workers publish and api nodes check: one secret, from the one they share.
  const secret = config.cluster.redisUrl && config.jwtSecret ? clusterPublisherSecret(config.jwtSecret) : loadPublisherSecret(config.dataDir);
  return [
    { provide: MEDIAMTX_PUBLISHER_SECRET, useValue: secret },
    {
      provide: LIVE_BACKEND,
      useFactory: () =>
        new MediamtxLiveBackend(
          new MediamtxLiveHub({
            rtspUrl,
            webrtcUrl,
            publisher: { username: MEDIAMTX_PUBLISHER, password: secret },
            // `boxes`: one ffmpeg per running camera draws the face boxes in and re-encodes once.
            publish: config.mediamtxPublish,
            ffmpegPath: config.ffmpegPath,
            ffmpegSearchPath: config.ffmpegSearchPath,
            log: (m) => logger.warn(m),
          }),
        ),
    },
    MediamtxAccess,
  ];
}

/**
 * Live view: `GET /api/cameras/:id/live`, and either the embedded WHEP gateway (default) or
 * MediaMTX (MEDIAMTX_URL set) with its auth hook. Exports LIVE_VIDEO_HUB for the camera runtime.
 */
@Module({})
export class LiveModule {
  static forConfig(config: ArgusConfig): DynamicModule {
    const mediamtx = config.mediamtxUrl;
    const cluster = config.cluster.redisUrl !== null;
    return {
      module: LiveModule,
      global: true,
      // In a cluster, an api node forwards WHEP to the worker running the camera.
      controllers: [LiveController, mediamtx ? MediamtxAuthController : cluster ? ClusterWhepController : WhepController],
      providers: [
        ...(mediamtx ? mediamtxProviders(config, mediamtx) : embeddedProviders(config)),
        { provide: LIVE_VIDEO_HUB, useFactory: (backend: LiveBackend) => backend.hub, inject: [LIVE_BACKEND] },
        cluster ? { provide: LiveViewService, useClass: ClusterLiveViewService } : LiveViewService,
        LiveShutdown,
      ],
      exports: [LIVE_VIDEO_HUB, LIVE_BACKEND],
    };
  }
}
