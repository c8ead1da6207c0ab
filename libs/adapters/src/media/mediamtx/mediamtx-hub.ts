import type { EncodedVideoUnit, LiveVideoHub, VideoStreamInfo } from '@argus/domain';
import { NalType, isKeyframe, nalType, splitAnnexB } from '../h264';
import { RtspPublisher } from './rtsp-publisher';

export interface MediamtxHubOptions {
  /** MEDIAMTX_URL, e.g. `rtsp://mediamtx:8554`: each camera is published at `<url>/<cameraId>`. */
  rtspUrl: string;
  /** MEDIAMTX_WEBRTC_URL, e.g. `http://localhost:8889`, as browsers reach it. */
  webrtcUrl: string;
  /** Argus's publisher identity, checked by Argus's own auth hook when MediaMTX asks. */
  publisher: { username: string; password: string };
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Replaceable for tests. */
  open?: (url: string, sps: Uint8Array, pps: Uint8Array) => Promise<RtspPublisher>;
  log?: (message: string) => void;
}

type PublicationState = 'waiting-for-keyframe' | 'connecting' | 'live' | 'retrying' | 'stopped';

const DROPPED = new Set<number>([NalType.Aud, NalType.Filler]);

/** One camera pushed to MediaMTX: connects at a keyframe, reconnects with backoff, starts each push at a keyframe. */
class CameraPublication {
  state: PublicationState = 'waiting-for-keyframe';
  private sps: Uint8Array | null = null;
  private pps: Uint8Array | null = null;
  private publisher: RtspPublisher | null = null;
  private retryMs: number;
  private timer: NodeJS.Timeout | null = null;
  /** After (re)connecting, nothing goes out before a keyframe. */
  private started = false;

  constructor(
    private readonly url: string,
    private readonly options: MediamtxHubOptions,
  ) {
    this.retryMs = options.retryMinMs ?? 1000;
  }

  unit(unit: EncodedVideoUnit): void {
    let nals = splitAnnexB(unit.data).filter((nal) => !DROPPED.has(nalType(nal)));
    for (const nal of nals) {
      if (nalType(nal) === NalType.Sps) this.sps = nal.slice();
      if (nalType(nal) === NalType.Pps) this.pps = nal.slice();
    }
    const keyframe = isKeyframe(nals);
    if (this.state === 'waiting-for-keyframe' && keyframe && this.sps && this.pps) void this.connect(this.sps, this.pps);
    if (this.state !== 'live' || !this.publisher) return;
    if (!this.started && !keyframe) return;
    this.started = true;
    if (keyframe && nalType(nals[0]) !== NalType.Sps && this.sps && this.pps) nals = [this.sps, this.pps, ...nals];
    this.publisher.send(nals, unit.pts90k, keyframe, unit.receivedAt);
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    const publisher = this.publisher;
    this.publisher = null;
    await publisher?.close();
  }

  private async connect(sps: Uint8Array, pps: Uint8Array): Promise<void> {
    this.state = 'connecting';
    const open = this.options.open ?? ((url, s, p) => RtspPublisher.open(url, s, p));
    try {
      const publisher = await open(this.url, sps, pps);
      if (this.state !== 'connecting') {
        await publisher.close();
        return;
      }
      this.publisher = publisher;
      this.started = false;
      this.state = 'live';
      this.retryMs = this.options.retryMinMs ?? 1000;
      publisher.onClosed((reason) => {
        if (this.publisher === publisher) this.retry(reason);
      });
    } catch (error) {
      if (this.state === 'connecting') this.retry(error instanceof Error ? error.message : String(error));
    }
  }

  private retry(reason: string): void {
    this.publisher = null;
    this.state = 'retrying';
    this.options.log?.(`publishing to ${redact(this.url)} failed (${reason}); retrying in ${this.retryMs} ms`);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.state === 'retrying') this.state = 'waiting-for-keyframe';
    }, this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(this.options.retryMaxMs ?? 15_000, this.retryMs * 2);
  }
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

/**
 * MediaMTX mode: every running camera's H.264 is pushed to MediaMTX over RTSP (no re-encoding) and
 * browsers play it from MediaMTX's own WHEP endpoint.
 */
export class MediamtxLiveHub implements LiveVideoHub {
  private readonly publications = new Map<string, CameraPublication>();

  constructor(private readonly options: MediamtxHubOptions) {}

  cameraStarted(cameraId: string, _info: VideoStreamInfo): void {
    if (this.publications.has(cameraId)) return;
    this.publications.set(cameraId, new CameraPublication(this.publishUrl(cameraId), this.options));
  }

  unit(cameraId: string, unit: EncodedVideoUnit): void {
    this.publications.get(cameraId)?.unit(unit);
  }

  cameraStopped(cameraId: string): void {
    const publication = this.publications.get(cameraId);
    this.publications.delete(cameraId);
    void publication?.stop();
  }

  /** Published and accepted by MediaMTX: a viewer can start. */
  isLive(cameraId: string): boolean {
    return this.publications.get(cameraId)?.state === 'live';
  }

  whepUrl(cameraId: string): string {
    return `${this.options.webrtcUrl.replace(/\/+$/, '')}/${encodeURIComponent(cameraId)}/whep`;
  }

  async close(): Promise<void> {
    const all = [...this.publications.values()];
    this.publications.clear();
    await Promise.all(all.map((p) => p.stop()));
  }

  private publishUrl(cameraId: string): string {
    const base = new URL(this.options.rtspUrl);
    base.username = encodeURIComponent(this.options.publisher.username);
    base.password = encodeURIComponent(this.options.publisher.password);
    base.pathname = `${base.pathname.replace(/\/+$/, '')}/${encodeURIComponent(cameraId)}`;
    return base.toString();
  }
}
