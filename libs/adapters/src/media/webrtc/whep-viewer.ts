import { randomInt, randomUUID } from 'node:crypto';
import {
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtcpPayloadSpecificFeedback,
  RtpHeader,
  RtpPacket,
  type PeerConfig,
  type RTCRtpSender,
  type RtcpPacket,
} from 'werift';
import { chooseH264Codec, offeredH264Codecs, restrictVideoOffer, type H264Profile } from './h264-offer';
import { InvalidOfferError } from './live-errors';
import { RtpPacer, type PacedPacket, type RtpPacerOptions } from './rtp-pacer';
import type { RtpUnit } from './rtp-unit';

/** Where a viewer gets the picture to start from. */
export interface ViewerSource {
  gop(): { units: RtpUnit[]; complete: boolean };
}

export interface WhepViewerOptions {
  peer: Partial<PeerConfig>;
  pacing: RtpPacerOptions;
  /** A viewer that never completes ICE + DTLS is dropped after this long. */
  connectTimeoutMs: number;
  /** How long a `disconnected` connection may take to come back. */
  disconnectGraceMs: number;
  /** Keyframe requests (PLI/FIR) answered at most this often. */
  keyframeResendMs: number;
}

type ViewerState = 'connecting' | 'awaiting-keyframe' | 'live' | 'closed';

const FIR_FMT = 4;
const H264_FEEDBACK = [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }];

/**
 * One browser watching one camera: a sendonly werift peer connection carrying the camera's H.264 as
 * is (no decoding, no re-encoding). RTP timestamps are the camera's `pts90k`, so the browser's
 * `requestVideoFrameCallback` reports the same clock as the detections.
 */
export class WhepViewer {
  readonly id = randomUUID();
  private readonly pc: RTCPeerConnection;
  private readonly sender: RTCRtpSender;
  private readonly pacer: RtpPacer;
  private state: ViewerState = 'connecting';
  private sequenceNumber = randomInt(0x10000);
  private lastTimestamp: number | null = null;
  private lastKeyframeResend = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private closedListeners: Array<(reason: string) => void> = [];
  /** Keyframe requests the viewer sent (PLI or FIR). */
  keyframeRequests = 0;

  constructor(
    private readonly source: ViewerSource,
    private readonly options: WhepViewerOptions,
  ) {
    this.pc = new RTCPeerConnection({
      ...options.peer,
      codecs: { video: [new RTCRtpCodecParameters({ mimeType: 'video/H264', clockRate: 90_000, rtcpFeedback: H264_FEEDBACK })] },
    });
    this.sender = this.pc.addTransceiver('video', { direction: 'sendonly' }).sender;
    this.pacer = new RtpPacer((packet) => this.sendPacket(packet), options.pacing);
    this.sender.onReady.subscribe(() => this.start());
    this.sender.onPictureLossIndication.subscribe(() => this.keyframeRequested());
    this.pc.connectionStateChange.subscribe((state) => this.connectionState(state));
    this.arm(options.connectTimeoutMs, 'the viewer never connected');
  }

  get connected(): boolean {
    return this.state === 'live' || this.state === 'awaiting-keyframe';
  }

  /** Answers the viewer's offer with the H.264 payload type that fits the camera's profile. */
  async answer(offerSdp: string, profile: H264Profile): Promise<string> {
    const codec = chooseH264Codec(offeredH264Codecs(offerSdp), profile);
    try {
      await this.pc.setRemoteDescription({ type: 'offer', sdp: restrictVideoOffer(offerSdp, codec.payloadType) });
    } catch (error) {
      throw new InvalidOfferError(`the offer could not be applied: ${error instanceof Error ? error.message : String(error)}`);
    }
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    // FIRs carry media SSRC 0 (RFC 5104), which werift's router cannot attribute to a sender: they
    // are read off the transport (this connection has one sender).
    this.sender.transport?.onRtcp.subscribe((packet) => this.rtcp(packet));
    const answer = this.pc.localDescription?.sdp;
    if (!answer) throw new Error('werift produced no answer');
    return answer;
  }

  /** A live unit from the camera. */
  deliver(unit: RtpUnit): void {
    if (this.state === 'awaiting-keyframe' && unit.keyframe) this.state = 'live';
    if (this.state === 'live') this.enqueue(unit, unit.timestamp);
  }

  onClosed(listener: (reason: string) => void): void {
    this.closedListeners.push(listener);
  }

  async close(reason: string): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.disarm();
    this.pacer.stop();
    for (const listener of this.closedListeners) listener(reason);
    await this.pc.close().catch(() => undefined);
  }

  /** DTLS is up: the GOP goes out at once so the first picture needs no wait for a keyframe. */
  private start(): void {
    if (this.state !== 'connecting') return;
    this.disarm();
    const { units, complete } = this.source.gop();
    this.state = units.length > 0 && complete ? 'live' : 'awaiting-keyframe';
    // Squeezed just below the newest unit's timestamp: the browser decodes the GOP and shows its last
    // picture, which keeps its true timestamp; the live units that follow continue the clock.
    units.forEach((unit, i) => this.enqueue(unit, (units[units.length - 1].timestamp - (units.length - 1 - i)) >>> 0));
  }

  /** The browser lost a picture. The camera cannot make a keyframe on demand: the GOP is sent again. */
  private keyframeRequested(): void {
    this.keyframeRequests++;
    const now = performance.now();
    if (!this.connected || now - this.lastKeyframeResend < this.options.keyframeResendMs) return;
    this.lastKeyframeResend = now;
    const { units, complete } = this.source.gop();
    if (units.length === 0) return;
    const base = this.lastTimestamp ?? units[0].timestamp;
    // Timestamps just after the last one sent keep the viewer's clock moving forwards.
    units.forEach((unit, i) => this.enqueue(unit, (base + 1 + i) >>> 0));
    if (!complete) this.state = 'awaiting-keyframe';
  }

  private rtcp(packet: RtcpPacket): void {
    if (packet instanceof RtcpPayloadSpecificFeedback && packet.feedback.count === FIR_FMT) {
      this.keyframeRequested();
    }
  }

  private enqueue(unit: RtpUnit, timestamp: number): void {
    this.lastTimestamp = timestamp;
    this.pacer.push(unit, timestamp);
  }

  private sendPacket({ payload, timestamp, marker }: PacedPacket): void {
    const header = new RtpHeader({ payloadType: 0, sequenceNumber: this.sequenceNumber, timestamp, marker, ssrc: 0 });
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    // werift sets the negotiated payload type and SSRC, encrypts (SRTP) and sends; RTCP SRs follow.
    this.sender.sendRtp(new RtpPacket(header, payload)).catch(() => undefined);
  }

  private connectionState(state: string): void {
    if (state === 'connected') this.disarm();
    else if (state === 'disconnected') this.arm(this.options.disconnectGraceMs, 'the connection was lost');
    else if (state === 'failed') void this.close('ICE failed');
    else if (state === 'closed') void this.close('the connection closed');
  }

  private arm(ms: number, reason: string): void {
    this.disarm();
    this.timer = setTimeout(() => void this.close(reason), ms);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
