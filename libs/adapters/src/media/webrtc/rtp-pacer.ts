import type { RtpUnit } from './rtp-unit';

export interface PacedPacket {
  payload: Buffer;
  timestamp: number;
  marker: boolean;
}

export interface RtpPacerOptions {
  /** Sustained rate while a backlog (a GOP burst) drains, in bytes per millisecond. */
  bytesPerMs: number;
  /** What may leave at once: live units never wait, a multi-megabyte burst is spread out. */
  burstBytes: number;
  now?: () => number;
}

/** 4 MB/s (32 Mbit/s) after a 256 KB burst: a GOP reaches a new viewer in a fraction of a second. */
export const DEFAULT_PACING: RtpPacerOptions = { bytesPerMs: 4000, burstBytes: 256 * 1024 };

/**
 * A token bucket in front of one viewer's RTP: the GOP sent to a new viewer all at once would
 * overflow socket buffers (and lose packets the sender's short NACK history cannot repair).
 */
export class RtpPacer {
  private readonly queue: Array<{ unit: RtpUnit; timestamp: number; next: number }> = [];
  private tokens: number;
  private refilledAt: number;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(
    private readonly send: (packet: PacedPacket) => void,
    private readonly options: RtpPacerOptions = DEFAULT_PACING,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.tokens = options.burstBytes;
    this.refilledAt = this.now();
  }

  /** Queues a unit to go out with `timestamp` (its own, or a rewritten one for a burst). */
  push(unit: RtpUnit, timestamp: number): void {
    this.queue.push({ unit, timestamp, next: 0 });
    if (this.timer === null) this.drain();
  }

  get backlog(): number {
    return this.queue.length;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }

  private drain(): void {
    this.timer = null;
    this.refill();
    while (this.queue.length > 0 && this.tokens > 0) {
      const head = this.queue[0];
      const payload = head.unit.payloads[head.next];
      const marker = head.next === head.unit.payloads.length - 1;
      this.send({ payload, timestamp: head.timestamp, marker });
      this.tokens -= payload.length;
      head.next++;
      if (marker) this.queue.shift();
    }
    if (this.queue.length > 0) {
      const waitMs = Math.max(1, Math.ceil(-this.tokens / this.options.bytesPerMs));
      this.timer = setTimeout(() => this.drain(), waitMs);
    }
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.options.burstBytes, this.tokens + (now - this.refilledAt) * this.options.bytesPerMs);
    this.refilledAt = now;
  }
}
