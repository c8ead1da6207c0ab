import type { EncodedVideoUnit, LiveVideoHub, VideoStreamInfo } from '@argus/domain';
import type { PeerConfig } from 'werift';
import { CameraBroadcast } from './camera-broadcast';
import { DEFAULT_GOP_LIMITS, type GopCacheLimits } from './gop-cache';
import { CameraNotLiveError, TooManyViewersError } from './live-errors';
import { DEFAULT_PACING } from './rtp-pacer';
import { WhepViewer, type WhepViewerOptions } from './whep-viewer';

export interface WhepGatewayOptions {
  /** STUN/TURN servers werift gathers candidates with (the same list goes to browsers). */
  iceServers: PeerConfig['iceServers'];
  /** UDP ports for ICE, inclusive; undefined lets the OS choose. */
  udpPortRange?: [number, number];
  /** Addresses offered as host candidates besides the machine's own (PUBLIC_HOST of a cluster worker). */
  additionalHostAddresses?: string[];
  maxViewersPerCamera: number;
  maxViewers: number;
  gop: GopCacheLimits;
  viewer: Omit<WhepViewerOptions, 'peer'>;
  log?: (message: string) => void;
}

export const DEFAULT_WHEP_OPTIONS: WhepGatewayOptions = {
  iceServers: [],
  maxViewersPerCamera: 16,
  maxViewers: 64,
  gop: DEFAULT_GOP_LIMITS,
  viewer: { pacing: DEFAULT_PACING, connectTimeoutMs: 15_000, disconnectGraceMs: 5_000, keyframeResendMs: 1_000 },
};

export interface ViewerSession {
  sessionId: string;
  cameraId: string;
  /** Who opened it: only they (or an admin) may end it. */
  ownerId: string;
}

/**
 * The embedded WHEP server: every running camera's H.264 passed through to each browser over
 * WebRTC (werift), one peer connection per viewer, nothing decoded or re-encoded.
 */
export class WhepGateway implements LiveVideoHub {
  private readonly cameras = new Map<string, CameraBroadcast>();
  private readonly sessions = new Map<string, { viewer: WhepViewer; session: ViewerSession }>();
  private readonly options: WhepGatewayOptions;

  constructor(options: Partial<WhepGatewayOptions> = {}) {
    this.options = { ...DEFAULT_WHEP_OPTIONS, ...options };
  }

  cameraStarted(cameraId: string, info: VideoStreamInfo): void {
    const existing = this.cameras.get(cameraId);
    if (existing) {
      existing.info = info;
      return;
    }
    this.cameras.set(cameraId, new CameraBroadcast(cameraId, info, this.options.gop));
  }

  unit(cameraId: string, unit: EncodedVideoUnit): void {
    this.cameras.get(cameraId)?.unit(unit);
  }

  cameraStopped(cameraId: string): void {
    const broadcast = this.cameras.get(cameraId);
    if (!broadcast) return;
    this.cameras.delete(cameraId);
    void broadcast.stop('the camera stopped');
  }

  /** Streaming and a keyframe seen: a viewer can be answered. */
  isLive(cameraId: string): boolean {
    return this.cameras.get(cameraId)?.profile != null;
  }

  /** Answers a WHEP offer; throws CameraNotLiveError, TooManyViewersError or InvalidOfferError. */
  async openViewer(cameraId: string, offerSdp: string, ownerId: string): Promise<{ session: ViewerSession; answerSdp: string }> {
    const broadcast = this.cameras.get(cameraId);
    const profile = broadcast?.profile;
    if (!broadcast || !profile) throw new CameraNotLiveError(cameraId);
    if (this.sessions.size >= this.options.maxViewers || broadcast.viewerCount >= this.options.maxViewersPerCamera) {
      throw new TooManyViewersError(`too many live viewers (${broadcast.viewerCount} on this camera, ${this.sessions.size} in all)`);
    }
    const viewer = new WhepViewer(broadcast, { ...this.options.viewer, peer: this.peerConfig() });
    const session: ViewerSession = { sessionId: viewer.id, cameraId, ownerId };
    try {
      const answerSdp = await viewer.answer(offerSdp, profile);
      // The camera may have stopped (or restarted) while werift was answering.
      if (this.cameras.get(cameraId) !== broadcast) throw new CameraNotLiveError(cameraId);
      this.sessions.set(viewer.id, { viewer, session });
      broadcast.add(viewer);
      viewer.onClosed((reason) => {
        this.sessions.delete(viewer.id);
        this.options.log?.(`viewer ${viewer.id} of camera ${cameraId} closed: ${reason}`);
      });
      return { session, answerSdp };
    } catch (error) {
      await viewer.close('the offer was not answered');
      throw error;
    }
  }

  session(sessionId: string): ViewerSession | null {
    return this.sessions.get(sessionId)?.session ?? null;
  }

  /** WHEP DELETE; false when there is no such session. */
  async closeViewer(sessionId: string): Promise<boolean> {
    const entry = this.sessions.get(sessionId);
    if (!entry) return false;
    await entry.viewer.close('the viewer left');
    return true;
  }

  stats(): { cameras: number; viewers: number; perCamera: Record<string, { viewers: number; unitsIn: number }> } {
    const perCamera: Record<string, { viewers: number; unitsIn: number }> = {};
    for (const [id, b] of this.cameras) perCamera[id] = { viewers: b.viewerCount, unitsIn: b.unitsIn };
    return { cameras: this.cameras.size, viewers: this.sessions.size, perCamera };
  }

  /** Shutdown: every viewer closed. */
  async close(): Promise<void> {
    const broadcasts = [...this.cameras.values()];
    this.cameras.clear();
    await Promise.all(broadcasts.map((b) => b.stop('Argus is shutting down')));
  }

  private peerConfig(): Partial<PeerConfig> {
    return {
      iceServers: this.options.iceServers,
      ...(this.options.udpPortRange ? { icePortRange: this.options.udpPortRange } : {}),
      ...(this.options.additionalHostAddresses ? { iceAdditionalHostAddresses: this.options.additionalHostAddresses } : {}),
    };
  }
}
