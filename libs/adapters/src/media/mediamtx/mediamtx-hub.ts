import type { EncodedVideoUnit, LiveDetections, LiveVideoHub, VideoStreamInfo } from '@argus/domain';
import { NalType, isKeyframe, nalType, splitAnnexB } from '../h264';
import { BoxBurner, type BoxBurnerOptions, type LiveBoxBurner } from './box-burner';
import { RtspPublisher } from './rtsp-publisher';

/** MEDIAMTX_PUBLISH: the camera's H.264 unchanged, or re-encoded once with the face boxes drawn in. */
export type MediamtxPublishMode = 'passthrough' | 'boxes';
export const MEDIAMTX_PUBLISH_MODES: readonly MediamtxPublishMode[] = ['passthrough', 'boxes'];

export interface MediamtxHubOptions {
  /** MEDIAMTX_URL, e.g. `rtsp://mediamtx:8554`: each camera is published at `<url>/<cameraId>`. */
  rtspUrl: string;
  /** MEDIAMTX_WEBRTC_URL, e.g. `http://localhost:8889`, as browsers reach it. */
  webrtcUrl: string;
  /** Argus's publisher identity, checked by Argus's own auth hook when MediaMTX asks. */
  publisher: { username: string; password: string };
  retryMinMs?: number;
  retryMaxMs?: number;
  /** `passthrough` (default) or `boxes`. */
  publish?: MediamtxPublishMode;
  /** Settings of the per-camera box burner (`boxes` mode). */
  boxes?: BoxBurnerOptions;
  /** FFMPEG_PATH for the box burners (`boxes` mode), unless `boxes` names its own; see locateFfmpeg. */
  ffmpegPath?: string | null;
  /** PATH searched for ffmpeg by the box burners, unless `boxes` names its own. */
  ffmpegSearchPath?: string;
  /** Replaceable for tests. */
  open?: (url: string, sps: Uint8Array, pps: Uint8Array) => Promise<RtspPublisher>;
  /** Replaceable for tests: the box burner of a camera, handing its re-encoded units to `output`. */
  burner?: (cameraId: string, info: VideoStreamInfo, output: (unit: EncodedVideoUnit) => void) => LiveBoxBurner;
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

/** A running camera: its publication, and in `boxes` mode the burner that feeds it. */
interface CameraOutlet {
  publication: CameraPublication;
  burner: LiveBoxBurner | null;
}

/**
 * MediaMTX mode: every running camera is pushed to MediaMTX over RTSP and browsers play it from
 * MediaMTX's own WHEP endpoint. `passthrough` pushes the camera's H.264 as it is (no re-encoding);
 * `boxes` pushes it through a BoxBurner first (decoded, boxes drawn in, re-encoded once per camera).
 */
export class MediamtxLiveHub implements LiveVideoHub {
  readonly publish: MediamtxPublishMode;
  private readonly outlets = new Map<string, CameraOutlet>();
  /** Stops still under way (a camera stopped just before close()): close waits for them too. */
  private readonly stopping = new Set<Promise<void>>();

  constructor(private readonly options: MediamtxHubOptions) {
    this.publish = options.publish ?? 'passthrough';
    if (!MEDIAMTX_PUBLISH_MODES.includes(this.publish)) throw new Error(`unknown MediaMTX publish mode "${String(this.publish)}"`);
  }

  /** Also called again when the camera's picture size changes: a burner then starts over at that size. */
  cameraStarted(cameraId: string, info: VideoStreamInfo): void {
    const running = this.outlets.get(cameraId);
    if (running) {
      running.burner?.resize(info);
      return;
    }
    const publication = new CameraPublication(this.publishUrl(cameraId), this.options);
    const burner = this.publish === 'boxes' ? this.createBurner(cameraId, info, (unit) => publication.unit(unit)) : null;
    this.outlets.set(cameraId, { publication, burner });
  }

  unit(cameraId: string, unit: EncodedVideoUnit): void {
    const outlet = this.outlets.get(cameraId);
    if (!outlet) return;
    if (outlet.burner) outlet.burner.push(unit);
    else outlet.publication.unit(unit);
  }

  detections(cameraId: string, detections: LiveDetections): void {
    this.outlets.get(cameraId)?.burner?.detections(detections);
  }

  cameraStopped(cameraId: string): void {
    const outlet = this.outlets.get(cameraId);
    this.outlets.delete(cameraId);
    if (outlet) this.track(stopOutlet(outlet));
  }

  /** Published and accepted by MediaMTX: a viewer can start. */
  isLive(cameraId: string): boolean {
    return this.outlets.get(cameraId)?.publication.state === 'live';
  }

  whepUrl(cameraId: string): string {
    return `${this.options.webrtcUrl.replace(/\/+$/, '')}/${encodeURIComponent(cameraId)}/whep`;
  }

  /** Ends every publication and box burner (their ffmpeg children are gone when this resolves). */
  async close(): Promise<void> {
    const all = [...this.outlets.values()];
    this.outlets.clear();
    all.forEach((outlet) => this.track(stopOutlet(outlet)));
    await Promise.all([...this.stopping]);
  }

  private createBurner(cameraId: string, info: VideoStreamInfo, output: (unit: EncodedVideoUnit) => void): LiveBoxBurner {
    if (this.options.burner) return this.options.burner(cameraId, info, output);
    const log = this.options.log;
    const { ffmpegPath, ffmpegSearchPath } = this.options;
    const options = { ffmpegPath, ffmpegSearchPath, ...this.options.boxes };
    return new BoxBurner(info, output, { ...options, log: log && ((message) => log(`camera ${cameraId}: ${message}`)) });
  }

  private track(stop: Promise<void>): void {
    const done = stop.catch((error: unknown) => this.options.log?.(`stopping a publication failed: ${String(error)}`));
    this.stopping.add(done);
    void done.then(() => this.stopping.delete(done));
  }

  private publishUrl(cameraId: string): string {
    const base = new URL(this.options.rtspUrl);
    base.username = encodeURIComponent(this.options.publisher.username);
    base.password = encodeURIComponent(this.options.publisher.password);
    base.pathname = `${base.pathname.replace(/\/+$/, '')}/${encodeURIComponent(cameraId)}`;
    return base.toString();
  }
}

async function stopOutlet({ publication, burner }: CameraOutlet): Promise<void> {
  await Promise.all([burner?.stop(), publication.stop()]);
}
