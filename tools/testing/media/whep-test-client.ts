import { RTCPeerConnection, RTCRtpCodecParameters, type RTCRtpTransceiver } from 'werift';
import { H264Depacketizer, type ReceivedAccessUnit } from '../rtp/h264-depacketizer';

const FEEDBACK = [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }];

/** Offered H.264 variants, in the order Chromium lists them. */
export const CHROMIUM_LIKE_H264 = [
  'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f',
  'level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f',
  'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
  'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f',
  'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=f4001f',
];

/**
 * A WHEP viewer in Node (werift, receive only) for the gateway's tests: collects the access units
 * it receives, rebuilt from RTP, and can ask for a keyframe like a browser does.
 */
export class WhepTestClient {
  readonly pc: RTCPeerConnection;
  readonly units: ReceivedAccessUnit[] = [];
  readonly payloadTypes = new Set<number>();
  private readonly transceiver: RTCRtpTransceiver;
  private readonly depacketizer = new H264Depacketizer();
  private mediaSsrc = 0;
  private waiters: Array<() => void> = [];

  constructor(fmtps: string[] = CHROMIUM_LIKE_H264) {
    this.pc = new RTCPeerConnection({
      codecs: {
        video: fmtps.map(
          (parameters) => new RTCRtpCodecParameters({ mimeType: 'video/H264', clockRate: 90_000, rtcpFeedback: FEEDBACK, parameters }),
        ),
      },
    });
    this.transceiver = this.pc.addTransceiver('video', { direction: 'recvonly' });
    this.transceiver.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        this.mediaSsrc = rtp.header.ssrc;
        this.payloadTypes.add(rtp.header.payloadType);
        const { marker, payloadType, sequenceNumber, timestamp, ssrc } = rtp.header;
        this.units.push(...this.depacketizer.push({ marker, payloadType, sequenceNumber, timestamp, ssrc, payload: rtp.payload }));
        this.waiters.splice(0).forEach((wake) => wake());
      });
    });
  }

  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return this.pc.localDescription?.sdp ?? '';
  }

  async accept(answerSdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
  }

  /** Resolves once `count` units arrived in all; rejects after `timeoutMs`. */
  async waitForUnits(count: number, timeoutMs = 5000): Promise<ReceivedAccessUnit[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.units.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`received ${this.units.length} of ${count} units`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.units;
  }

  requestKeyframe(): Promise<void> {
    return this.transceiver.receiver.sendRtcpPLI(this.mediaSsrc);
  }

  /** A Full Intra Request (RFC 5104 section 4.3.1), built by hand: werift has no sender API for it. */
  async requestFullIntra(): Promise<void> {
    const fir = Buffer.alloc(20);
    fir.writeUInt8(0x80 | 4, 0); // version 2, FMT 4
    fir.writeUInt8(206, 1); // payload-specific feedback
    fir.writeUInt16BE(fir.length / 4 - 1, 2);
    fir.writeUInt32BE(1, 4); // sender SSRC
    fir.writeUInt32BE(0, 8); // media SSRC: unused for FIR
    fir.writeUInt32BE(this.mediaSsrc, 12);
    fir.writeUInt8(1, 16); // command sequence number
    await this.pc.dtlsTransports[0].sendRtcp([{ serialize: () => fir } as never]);
  }

  close(): Promise<void> {
    return this.pc.close();
  }
}
