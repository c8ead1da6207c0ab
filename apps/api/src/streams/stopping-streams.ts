import type { CameraFeed, CameraFeedConnector, FrameDecoder, FrameDecoderFactory } from '@argus/domain';

/**
 * The camera sessions stop their feeds and decoders without waiting (a stop must never hold up
 * the next connection), so their ffmpeg processes may still be exiting when stopAll() returns.
 * This remembers every stop still under way, so a shutdown can wait until each process is gone
 * instead of leaving it orphaned (each ffmpeg stop ends in SIGKILL after its grace period).
 */
export class StoppingStreams {
  private readonly pending = new Set<Promise<void>>();

  feeds(inner: CameraFeedConnector): CameraFeedConnector {
    return {
      connect: (spec, listener): CameraFeed => {
        const feed = inner.connect(spec, listener);
        return { stop: () => this.track(feed.stop()) };
      },
    };
  }

  decoders(inner: FrameDecoderFactory): FrameDecoderFactory {
    return {
      create: (spec, listener): FrameDecoder => {
        const decoder = inner.create(spec, listener);
        return { push: (unit) => decoder.push(unit), stop: () => this.track(decoder.stop()) };
      },
    };
  }

  /** Stops under way right now. */
  get size(): number {
    return this.pending.size;
  }

  /** Resolves once every stop so far (and any started meanwhile) has finished. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(stop: Promise<void>): Promise<void> {
    this.pending.add(stop);
    const forget = () => this.pending.delete(stop);
    stop.then(forget, forget);
    return stop;
  }
}
