import { randomFillSync, randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { H264_CLOCK_RATE, H264Packetizer } from '@argus/adapters/media/h264';
import { serializeBye, serializeSenderReport } from '../../testing/rtp/rtcp';
import type { Clip } from './clip';
import type { PathFault, PathStats } from './faults';
import { fragmentH265Nal } from './h265';
import { PAYLOAD_TYPE } from './sdp';

/** Where a session's packets go: an interleaved TCP channel pair or a UDP port pair. */
export interface RtpSink {
  sendRtp(packets: Uint8Array[]): void;
  sendRtcp(packet: Uint8Array): void;
  /** True while the client is not keeping up (its TCP send buffer is filling). */
  congested(): boolean;
}

/** Reported for each picture sent, so a benchmark can tie a decoded frame back to its send time. */
export interface FrameSent {
  path: string;
  sessionId: string;
  /** Index in the clip (what the burned-in frame counter shows). */
  frameIndex: number;
  loop: number;
  rtpTimestamp: number;
  /** Date.now() when the frame's packets were handed to the socket. */
  sentAt: number;
}

export interface ClipStreamOptions {
  path: string;
  sessionId: string;
  clip: Clip;
  sink: RtpSink;
  fault: () => PathFault;
  stats: PathStats;
  onFrameSent?: (frame: FrameSent) => void;
}

/** After an event-loop hiccup longer than this, pacing restarts from now instead of bursting. */
const MAX_LAG_MS = 500;
const REPORT_INTERVAL_MS = 2000;

/**
 * One session's RTP stream of a looping clip, paced in real time. Timestamps count frames since the
 * session started, so they keep rising across loops; after a pause or stall sending resumes at a keyframe.
 */
export class ClipStream {
  readonly ssrc = randomInt(1, 2 ** 32 - 1);
  private readonly packetizer: H264Packetizer;
  private readonly timestampBase = randomInt(0, 2 ** 32 - 1);
  private readonly frameMs: number;
  private frameCount = 0;
  private startedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private playing = false;
  private needKeyframe = false;
  private lastReportAt = -Infinity;
  private packetCount = 0;
  private octetCount = 0;

  constructor(private readonly options: ClipStreamOptions) {
    this.frameMs = 1000 / options.clip.fps;
    // H.265 differs from H.264 on the wire only in how large NAL units are fragmented.
    const fragment = options.clip.codec === 'h265' ? fragmentH265Nal : undefined;
    this.packetizer = new H264Packetizer({ ssrc: this.ssrc, payloadType: PAYLOAD_TYPE, initialSequenceNumber: randomInt(0, 65536), fragment });
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  /** Starts (or resumes) sending; returns what RTP-Info announces for the next packet. */
  play(): { sequenceNumber: number; rtpTimestamp: number } {
    if (!this.playing) {
      this.playing = true;
      if (this.timer === null) {
        this.startedAt = performance.now();
        this.schedule();
      } else {
        this.needKeyframe = true; // resuming mid-GOP would show a broken picture
      }
    }
    return { sequenceNumber: this.packetizer.nextSequenceNumber, rtpTimestamp: this.timestampOf(this.frameCount) };
  }

  /** Stops sending but keeps the clock running, as a live camera's does. */
  pause(): void {
    this.playing = false;
  }

  stop(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
      this.options.sink.sendRtcp(serializeBye(this.ssrc));
    }
    this.playing = false;
  }

  private timestampOf(frame: number): number {
    return (this.timestampBase + Math.round((frame * H264_CLOCK_RATE) / this.options.clip.fps)) >>> 0;
  }

  private dueAt(frame: number): number {
    return this.startedAt + frame * this.frameMs;
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.tick(), Math.max(0, this.dueAt(this.frameCount) - performance.now()));
  }

  private tick(): void {
    const now = performance.now();
    if (now - this.dueAt(this.frameCount) > MAX_LAG_MS) this.startedAt = now - this.frameCount * this.frameMs;
    while (this.dueAt(this.frameCount) <= now) {
      this.sendFrame(this.frameCount);
      this.frameCount++;
    }
    if (this.playing && now - this.lastReportAt >= REPORT_INTERVAL_MS) this.sendReport(now);
    if (this.timer !== null) this.schedule();
  }

  private sendFrame(count: number): void {
    const { clip, sink, stats } = this.options;
    const frameIndex = count % clip.frames.length;
    const frame = clip.frames[frameIndex];
    const fault = this.options.fault();
    if (!this.playing || fault.stall || sink.congested() || (this.needKeyframe && !frame.keyframe)) {
      if (this.playing) this.needKeyframe = true;
      stats.framesHeld++;
      return;
    }
    this.needKeyframe = false;
    const rtpTimestamp = this.timestampOf(count);
    let packets: Uint8Array[] = this.packetizer.packetize(frame.nals, rtpTimestamp).map((packet) => packet.serialize());
    if (fault.garbage === 'rtp') packets = packets.map(corruptPacket);
    sink.sendRtp(packets);
    const bytes = packets.reduce((sum, packet) => sum + packet.length, 0);
    this.packetCount += packets.length;
    this.octetCount += bytes - 12 * packets.length;
    stats.framesSent++;
    stats.packetsSent += packets.length;
    stats.bytesSent += bytes;
    const { path, sessionId, onFrameSent } = this.options;
    onFrameSent?.({ path, sessionId, frameIndex, loop: Math.floor(count / clip.frames.length), rtpTimestamp, sentAt: Date.now() });
  }

  /** RTCP sender report: maps RTP time to wall-clock time (receivers use it as the capture time). */
  private sendReport(now: number): void {
    this.lastReportAt = now;
    const rtpTimestamp = (this.timestampBase + Math.round(((now - this.startedAt) * H264_CLOCK_RATE) / 1000)) >>> 0;
    const report = { ssrc: this.ssrc, wallClockMs: Date.now(), rtpTimestamp, packetCount: this.packetCount, octetCount: this.octetCount };
    this.options.sink.sendRtcp(serializeSenderReport(report));
  }
}

/** Keeps the RTP framing but fills the payload with noise; one packet in eight is noise through and through. */
function corruptPacket(packet: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(packet);
  randomFillSync(copy, randomInt(0, 8) === 0 ? 0 : 12);
  return copy;
}
