import { Global, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { CameraRuntime } from '@argus/domain';
import { SocketIoRealtimePublisher } from '@argus/adapters';
import type { DetectionPool } from '@argus/detection';
import { WarmDetector } from '../streams/warm-detector';
import { ArgusMetrics } from './argus-metrics';
import { MetricsController } from './metrics.controller';

/** Points the collectors at the running parts once they all exist. */
@Injectable()
class MetricsSources implements OnModuleInit {
  constructor(
    private readonly metrics: ArgusMetrics,
    private readonly runtime: CameraRuntime,
    private readonly detector: WarmDetector<DetectionPool>,
    private readonly publisher: SocketIoRealtimePublisher,
  ) {}

  onModuleInit(): void {
    this.metrics.watchCameras(this.runtime);
    this.metrics.watchDetectionPool({
      queueSize: () => this.detector.current?.queueSize ?? null,
      threads: () => this.detector.current?.threads ?? null,
    });
    this.metrics.watchSocketClients(() => this.publisher.connectedClients);
  }
}

/** Prometheus metrics: the registry (global, the detection timing needs it) and `/metrics`. */
@Global()
@Module({
  providers: [{ provide: ArgusMetrics, useFactory: () => new ArgusMetrics() }, MetricsSources],
  controllers: [MetricsController],
  exports: [ArgusMetrics],
})
export class MetricsModule {}
