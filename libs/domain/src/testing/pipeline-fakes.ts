// Fakes for the camera pipeline's ports: a feed, a decoder, a detector, a snapshot store and
// renderer, and test frames. Everything is driven by the test; nothing waits on real time.
import type { BoundingBox } from '../alerts/bounding-box';
import type { DetectOptions, DetectionResult, FaceBox, FaceDetector, Frame } from '../detection/face-detector';
import type { AnalyseOptions, AnalysedFace, FaceAnalyser, FaceRejection } from '../people/face-analyser';
import type { CameraFeed, CameraFeedConnector, CameraFeedListener, CameraFeedSpec } from '../streams/camera-feed';
import type { EncodedVideoUnit, VideoStreamInfo } from '../streams/encoded-video';
import type { DecodedFrame, FrameDecoder, FrameDecoderFactory, FrameDecoderListener, FrameDecoderSpec } from '../streams/frame-decoder';
import type { SnapshotRenderer, SnapshotStore } from '../streams/snapshot-store';
import type { FakeClock } from './fakes';

/** A uniform grey RGB frame, optionally with a rectangle of another grey level. */
export function testFrame(options: {
  width?: number;
  height?: number;
  grey?: number;
  capturedAt?: number;
  block?: BoundingBox & { grey: number };
} = {}): DecodedFrame {
  const { width = 64, height = 36, grey = 100, capturedAt = 0, block } = options;
  const data = new Uint8Array(width * height * 3).fill(grey);
  if (block) {
    for (let y = block.y; y < Math.min(height, block.y + block.height); y++) {
      data.fill(block.grey, (y * width + block.x) * 3, (y * width + Math.min(width, block.x + block.width)) * 3);
    }
  }
  return { width, height, channels: 3, data, capturedAt, pts90k: Math.round(capturedAt * 90) };
}

export class FakeFeed implements CameraFeed {
  stopCalls = 0;
  private pts = 0;

  constructor(readonly spec: CameraFeedSpec, private readonly listener: CameraFeedListener, private readonly clock?: FakeClock) {}

  get stopped(): boolean {
    return this.stopCalls > 0;
  }

  info(info: Partial<VideoStreamInfo> = {}): void {
    this.listener.info({ codec: 'h264', width: 1280, height: 720, transcoded: false, ...info });
  }

  /** Delivers one access unit (even after stop: a test may check that late units are ignored). */
  unit(unit: Partial<EncodedVideoUnit> = {}): EncodedVideoUnit {
    this.pts += 9000;
    const full: EncodedVideoUnit = {
      data: new Uint8Array([0, 0, 0, 1, 0x65]),
      pts90k: this.pts,
      keyframe: this.pts === 9000,
      receivedAt: this.clock?.now().getTime() ?? 0,
      ...unit,
    };
    this.listener.unit(full);
    return full;
  }

  end(reason: string | null): void {
    this.listener.ended(reason);
  }

  /** Like a real feed, reports `ended(null)` once stopped on request. */
  async stop(): Promise<void> {
    this.stopCalls++;
    if (this.stopCalls === 1) queueMicrotask(() => this.listener.ended(null));
  }
}

export class FakeFeedConnector implements CameraFeedConnector {
  readonly feeds: FakeFeed[] = [];
  /** When set, the next connect throws it (and clears it). */
  failNextConnect: Error | null = null;

  constructor(private readonly clock?: FakeClock) {}

  connect(spec: CameraFeedSpec, listener: CameraFeedListener): CameraFeed {
    const failure = this.failNextConnect;
    this.failNextConnect = null;
    if (failure) throw failure;
    const feed = new FakeFeed(spec, listener, this.clock);
    this.feeds.push(feed);
    return feed;
  }

  get last(): FakeFeed {
    const feed = this.feeds[this.feeds.length - 1];
    if (!feed) throw new Error('no feed connected');
    return feed;
  }
}

export class FakeDecoder implements FrameDecoder {
  readonly units: EncodedVideoUnit[] = [];
  stopCalls = 0;

  constructor(readonly spec: FrameDecoderSpec, private readonly listener: FrameDecoderListener, private readonly clock?: FakeClock) {}

  get stopped(): boolean {
    return this.stopCalls > 0;
  }

  push(unit: EncodedVideoUnit): void {
    this.units.push(unit);
  }

  /** Emits a frame (captured now on the clock unless given). */
  emit(frame: Partial<DecodedFrame> = {}): DecodedFrame {
    const full = { ...testFrame({ capturedAt: this.clock?.now().getTime() ?? 0 }), ...frame };
    this.listener.frame(full);
    return full;
  }

  end(reason: string | null): void {
    this.listener.ended(reason);
  }

  async stop(): Promise<void> {
    this.stopCalls++;
  }
}

export class FakeDecoderFactory implements FrameDecoderFactory {
  readonly decoders: FakeDecoder[] = [];

  constructor(private readonly clock?: FakeClock) {}

  create(spec: FrameDecoderSpec, listener: FrameDecoderListener): FrameDecoder {
    const decoder = new FakeDecoder(spec, listener, this.clock);
    this.decoders.push(decoder);
    return decoder;
  }

  get specs(): FrameDecoderSpec[] {
    return this.decoders.map((d) => d.spec);
  }

  get last(): FakeDecoder {
    const decoder = this.decoders[this.decoders.length - 1];
    if (!decoder) throw new Error('no decoder created');
    return decoder;
  }
}

interface PendingDetection {
  frame: Frame;
  options?: DetectOptions;
  resolve(result: DetectionResult): void;
  reject(error: unknown): void;
}

/**
 * A FaceDetector the test answers: each detect() waits until `resolveNext`/`rejectNext`, unless
 * `respondWith` gives canned faces or `throwSync` makes detect() throw before returning a promise.
 */
export class FakeDetector implements FaceDetector {
  readonly pending: PendingDetection[] = [];
  readonly frames: Frame[] = [];
  throwSync: Error | null = null;
  closed = false;
  private canned: ((frame: Frame) => FaceBox[]) | null = null;

  detect(frame: Frame, options?: DetectOptions): Promise<DetectionResult> {
    this.frames.push(frame);
    if (this.throwSync) throw this.throwSync;
    if (this.canned) return Promise.resolve({ faces: this.canned(frame), ms: 1 });
    return new Promise((resolve, reject) => this.pending.push({ frame, options, resolve, reject }));
  }

  respondWith(faces: FaceBox[] | ((frame: Frame) => FaceBox[]) | null): void {
    this.canned = faces === null ? null : typeof faces === 'function' ? faces : () => faces;
  }

  resolveNext(faces: FaceBox[] = []): Frame {
    const next = this.take();
    next.resolve({ faces, ms: 5 });
    return next.frame;
  }

  rejectNext(error: unknown = new Error('detector crashed')): Frame {
    const next = this.take();
    next.reject(error);
    return next.frame;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private take(): PendingDetection {
    const next = this.pending.shift();
    if (!next) throw new Error('no detection pending');
    return next;
  }
}

export class MemorySnapshotStore implements SnapshotStore {
  readonly files = new Map<string, Uint8Array>();
  private n = 0;

  async save(cameraId: string, jpeg: Uint8Array): Promise<string> {
    const key = `${cameraId}/${++this.n}.jpg`;
    this.files.set(key, jpeg);
    return key;
  }

  async read(key: string): Promise<Uint8Array | null> {
    return this.files.get(key) ?? null;
  }

  async deleteForCamera(cameraId: string): Promise<void> {
    for (const key of [...this.files.keys()]) if (key.startsWith(`${cameraId}/`)) this.files.delete(key);
  }
}

/** "Renders" a JPEG header followed by the box count; records what it was asked to draw. */
export class FakeRenderer implements SnapshotRenderer {
  readonly calls: Array<{ frame: DecodedFrame; boxes: BoundingBox[] }> = [];

  async render(frame: DecodedFrame, boxes: BoundingBox[]): Promise<Uint8Array> {
    this.calls.push({ frame, boxes });
    return new Uint8Array([0xff, 0xd8, 0xff, boxes.length]);
  }
}

/** What a RegionFaceAnalyser finds in one region: an embedding (and its quality), a rejected face, or nothing. */
export type RegionAnswer = { vector: number[]; quality?: number; rejection?: FaceRejection } | null;

/**
 * A FaceAnalyser for the pipeline: the test says, per call, what face is in the asked region (its
 * box is the region). Records every call.
 */
export class RegionFaceAnalyser implements FaceAnalyser {
  readonly calls: Array<{ frame: Frame; regions: BoundingBox[] }> = [];
  answer: (region: BoundingBox, call: number) => RegionAnswer = () => null;

  constructor(readonly model = 'test-model@1') {}

  async analyse(frame: Frame, options: AnalyseOptions = {}): Promise<AnalysedFace[]> {
    const regions = options.regions ?? [{ x: 0, y: 0, width: frame.width, height: frame.height }];
    this.calls.push({ frame, regions });
    const call = this.calls.length;
    return regions.flatMap((region) => {
      const found = this.answer(region, call);
      if (!found) return [];
      const rejected = found.rejection !== undefined;
      return [
        {
          box: { ...region },
          score: 0.9,
          quality: { size: region.width, sharpness: 100, yaw: 0, score: found.quality ?? 0.8, ...(rejected ? { rejection: found.rejection } : {}) },
          embedding: rejected ? null : { model: this.model, vector: unit(found.vector) },
        },
      ];
    });
  }
}

/** The vector scaled to length 1 (embeddings are L2-normalised). */
export function unit(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return vector.map((v) => v / norm);
}
