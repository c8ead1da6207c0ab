import type { EncodedVideoUnit, VideoStreamInfo } from '@argus/domain';
import { GopCache, type GopCacheLimits } from './gop-cache';
import type { H264Profile } from './h264-offer';
import { RtpUnitPacketizer, type RtpUnit } from './rtp-unit';
import type { ViewerSource, WhepViewer } from './whep-viewer';

/**
 * One running camera in the gateway: its units are packetized once, kept from the latest keyframe
 * on, and handed to every viewer.
 */
export class CameraBroadcast implements ViewerSource {
  private readonly packetizer = new RtpUnitPacketizer();
  private readonly cache: GopCache;
  private readonly viewers = new Set<WhepViewer>();
  unitsIn = 0;

  constructor(
    readonly cameraId: string,
    public info: VideoStreamInfo,
    limits?: GopCacheLimits,
  ) {
    this.cache = new GopCache(limits);
  }

  /** Null until the first SPS: a viewer cannot be answered before the profile is known. */
  get profile(): H264Profile | null {
    return this.packetizer.profile;
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  unit(unit: EncodedVideoUnit): void {
    const rtp = this.packetizer.packetize(unit);
    if (!rtp) return;
    this.unitsIn++;
    this.cache.push(rtp);
    for (const viewer of this.viewers) viewer.deliver(rtp);
  }

  gop(): { units: RtpUnit[]; complete: boolean } {
    return this.cache.snapshot();
  }

  add(viewer: WhepViewer): void {
    this.viewers.add(viewer);
    viewer.onClosed(() => this.viewers.delete(viewer));
  }

  /** The camera stopped: every viewer is closed (their players see the track end). */
  async stop(reason: string): Promise<void> {
    const viewers = [...this.viewers];
    this.viewers.clear();
    this.cache.clear();
    await Promise.all(viewers.map((viewer) => viewer.close(reason)));
  }
}
