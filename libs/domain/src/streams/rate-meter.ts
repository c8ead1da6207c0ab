/** Events per second over a sliding window (measured processing FPS). */
export class RateMeter {
  private readonly stamps: number[] = [];

  constructor(private readonly windowMs = 5000) {}

  record(now: number): void {
    this.stamps.push(now);
    this.trim(now);
  }

  perSecond(now: number): number {
    this.trim(now);
    return (this.stamps.length * 1000) / this.windowMs;
  }

  private trim(now: number): void {
    const since = now - this.windowMs;
    while (this.stamps.length > 0 && this.stamps[0] <= since) this.stamps.shift();
  }
}
