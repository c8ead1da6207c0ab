import type { LiveDetections } from '@argus/domain';

/** Overlay frames are at most this wide (the processing size): ffmpeg scales them to the video. */
export const OVERLAY_MAX_WIDTH = 640;
/** Boxes disappear when no detection came for this long (detection switched off, camera idle). */
export const DEFAULT_CLEAR_AFTER_MS = 1000;

/** BT.601 limited-range YUV of pure green (0, 255, 0): the colour of the boxes. */
const GREEN = { y: 145, u: 54, v: 34 } as const;

export interface OverlaySize {
  width: number;
  height: number;
}

/** The video scaled down to at most `maxWidth`, keeping its aspect ratio, both sides even (4:2:0). */
export function overlaySize(video: OverlaySize, maxWidth = OVERLAY_MAX_WIDTH): OverlaySize {
  if (!(video.width > 0 && video.height > 0)) throw new RangeError(`invalid video size ${video.width}x${video.height}`);
  const width = Math.min(video.width, maxWidth);
  const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));
  return { width: even(width), height: even((video.height * width) / video.width) };
}

/** Bytes of one yuva420p frame. */
export function yuva420pBytes({ width, height }: OverlaySize): number {
  return width * height * 2 + (width / 2) * (height / 2) * 2;
}

/**
 * Paints the overlay frames the box burner composites onto a camera's video: yuva420p (the
 * overlay filter's native input, so ffmpeg converts nothing) in which Y, U and V are green
 * everywhere and only the alpha plane draws: opaque on the box outlines, transparent elsewhere.
 * Boxes come in the pixels of the frame they were detected in and are scaled to the overlay.
 * A frame is only built when the boxes change; the same buffer is handed out until then.
 */
export class BoxOverlay {
  readonly size: OverlaySize;
  readonly frameBytes: number;
  /** Outline thickness in overlay pixels (about 3 at 640 wide, more once scaled to the video). */
  readonly thickness: number;
  private readonly base: Buffer;
  private readonly alphaOffset: number;
  private readonly clear: Buffer;
  private latest: { detections: LiveDetections; at: number } | null = null;
  private painted: { detections: LiveDetections; frame: Buffer } | null = null;

  constructor(size: OverlaySize, private readonly clearAfterMs = DEFAULT_CLEAR_AFTER_MS) {
    if (size.width % 2 || size.height % 2 || size.width <= 0 || size.height <= 0) throw new RangeError('overlay sides must be even and positive');
    this.size = { ...size };
    this.frameBytes = yuva420pBytes(size);
    this.thickness = Math.max(2, Math.round(size.width / 240));
    const luma = size.width * size.height;
    const chroma = luma / 4;
    this.alphaOffset = luma + 2 * chroma;
    this.base = Buffer.alloc(this.frameBytes);
    this.base.fill(GREEN.y, 0, luma);
    this.base.fill(GREEN.u, luma, luma + chroma);
    this.base.fill(GREEN.v, luma + chroma, this.alphaOffset);
    this.clear = Buffer.from(this.base); // alpha 0 everywhere
  }

  /** The latest detection of the camera; one without faces clears the boxes at once. */
  update(detections: LiveDetections, now: number): void {
    this.latest = { detections, at: now };
  }

  /** Gives the latest detection to the overlay that replaces this one (a new picture size). */
  handOver(next: BoxOverlay): void {
    next.latest = this.latest;
  }

  /** The boxes to draw now: none once the latest detection is older than the clear-after time. */
  current(now: number): LiveDetections | null {
    const latest = this.latest;
    if (!latest || latest.detections.boxes.length === 0 || now - latest.at > this.clearAfterMs) return null;
    return latest.detections;
  }

  /** The overlay frame for `now` (never modified after it is returned: it may still be queued). */
  frame(now: number): Buffer {
    const detections = this.current(now);
    if (!detections) return this.clear;
    if (this.painted?.detections === detections) return this.painted.frame;
    const frame = Buffer.from(this.base);
    this.paint(frame, detections);
    this.painted = { detections, frame };
    return frame;
  }

  private paint(frame: Buffer, { frameWidth, frameHeight, boxes }: LiveDetections): void {
    if (!(frameWidth > 0 && frameHeight > 0)) return;
    const { width, height } = this.size;
    const sx = width / frameWidth;
    const sy = height / frameHeight;
    const t = this.thickness;
    for (const box of boxes) {
      const x0 = clamp(Math.round(box.x * sx), 0, width);
      const y0 = clamp(Math.round(box.y * sy), 0, height);
      const x1 = clamp(Math.round((box.x + box.width) * sx), 0, width);
      const y1 = clamp(Math.round((box.y + box.height) * sy), 0, height);
      if (x1 <= x0 || y1 <= y0) continue;
      this.fill(frame, x0, y0, x1, Math.min(y1, y0 + t)); // top
      this.fill(frame, x0, Math.max(y0, y1 - t), x1, y1); // bottom
      this.fill(frame, x0, y0, Math.min(x1, x0 + t), y1); // left
      this.fill(frame, Math.max(x0, x1 - t), y0, x1, y1); // right
    }
  }

  /** Opaque alpha over [x0, x1) × [y0, y1). */
  private fill(frame: Buffer, x0: number, y0: number, x1: number, y1: number): void {
    const { width } = this.size;
    for (let y = y0; y < y1; y++) {
      const row = this.alphaOffset + y * width;
      frame.fill(255, row + x0, row + x1);
    }
  }
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));
