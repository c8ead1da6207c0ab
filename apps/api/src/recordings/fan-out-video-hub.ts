import { Logger } from '@nestjs/common';
import type { EncodedVideoUnit, LiveDetections, LiveVideoHub, VideoStreamInfo } from '@argus/domain';

/**
 * Hands a camera's units to several receivers (the live view, the recorder), in order: the camera
 * session needs no change to gain one. A receiver that throws is logged and skipped; the others
 * still get the unit, so recording can never break the live view.
 */
export class FanOutVideoHub implements LiveVideoHub {
  private readonly logger = new Logger('Streams');
  private readonly failing = new Set<LiveVideoHub>();

  constructor(private readonly hubs: LiveVideoHub[]) {}

  cameraStarted(cameraId: string, info: VideoStreamInfo): void {
    this.each((hub) => hub.cameraStarted(cameraId, info));
  }

  unit(cameraId: string, unit: EncodedVideoUnit): void {
    this.each((hub) => hub.unit(cameraId, unit));
  }

  cameraStopped(cameraId: string): void {
    this.each((hub) => hub.cameraStopped(cameraId));
  }

  detections(cameraId: string, detections: LiveDetections): void {
    this.each((hub) => hub.detections?.(cameraId, detections));
  }

  private each(call: (hub: LiveVideoHub) => void): void {
    for (const hub of this.hubs) {
      try {
        call(hub);
        this.failing.delete(hub);
      } catch (error) {
        // Once per run of failures, not once per unit.
        if (!this.failing.has(hub)) this.logger.error(`${hub.constructor.name} failed: ${String(error)}`);
        this.failing.add(hub);
      }
    }
  }
}
