import { DetectionTimeline, type DetectionsEvent, type FrameBoxes, type ShownFrame } from './detection-timeline';
import { DelayMeter } from './delay-meter';

export interface OverlayOptions {
  /** Drawn top left, e.g. the camera's name. */
  label: string;
  /**
   * The camera's measured processing FPS (`camera_state`), drawn top right; null while none was
   * reported yet. Read on every drawn picture, so it may be a signal.
   */
  measuredFps?: () => number | null;
  /** Told how much later the video should play so detections arrive before their pictures. */
  onSyncDelay?: (ms: number) => void;
  /** Assumed capture-to-screen delay when the browser reports no capture time (wall-clock matching). */
  assumedDelayMs?: number;
  boxColor?: string;
  /** Object boxes (and their label tags) are drawn in this colour, apart from the faces'. */
  objectColor?: string;
}

/** The face boxes' colour unless told otherwise. */
export const FACE_BOX_COLOR = '#00e676';
/** The object boxes' colour unless told otherwise. */
export const OBJECT_BOX_COLOR = '#ffb300';

/** What was drawn for the last picture (tests and diagnostics read it). */
export interface DrawnFrame {
  rtpTimestamp?: number;
  match: FrameBoxes['match'];
  /** Face boxes in canvas CSS pixels. */
  boxes: Array<{ x: number; y: number; width: number; height: number }>;
  /** Object boxes in canvas CSS pixels, with their label. */
  objects: Array<{ label: string; x: number; y: number; width: number; height: number }>;
  /** The caption drawn over the picture: the label and the measured processing FPS. */
  caption: string;
  /** Pictures per second the browser showed (diagnostics only, not drawn). */
  videoFps: number;
}

/**
 * Draws face boxes on a canvas laid over a `<video>`, on the picture they were detected in: each
 * shown frame (requestVideoFrameCallback) is looked up in the detection timeline by its RTP
 * timestamp. The camera's latest objects (the labels it asks for) are drawn next to them in their
 * own colour, each with its label. Also draws the label (the camera's name) and the camera's
 * measured processing FPS. Framework-free.
 */
export class OverlayRenderer {
  private readonly timeline = new DetectionTimeline();
  private readonly delay = new DelayMeter();
  /** RTP timestamp → when that picture was shown / when its detections arrived (epoch ms). */
  private readonly shown = new Map<number, number>();
  private readonly arrived = new Map<number, number>();
  private readonly frameTimes: number[] = [];
  private callbackId: number | null = null;
  private running = false;
  last: DrawnFrame | null = null;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly canvas: HTMLCanvasElement,
    private readonly options: OverlayOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.callbackId !== null) this.video.cancelVideoFrameCallback?.(this.callbackId);
    this.callbackId = null;
    this.timeline.clear();
    if (this.last) this.canvas.getContext('2d')?.clearRect(0, 0, this.canvas.width, this.canvas.height);
    delete this.canvas.dataset['caption'];
    this.last = null;
  }

  /** A `detections` event for this camera. */
  addDetections(event: DetectionsEvent): void {
    this.timeline.add(event);
    if (typeof event.pts90k !== 'number') return;
    const rtp = Math.round(event.pts90k) >>> 0;
    const shownAt = this.shown.get(rtp);
    // The picture was on screen before its boxes arrived: the video should wait that much longer.
    if (shownAt !== undefined) this.lateness(Date.now() - shownAt);
    else this.arrived.set(rtp, Date.now());
    if (this.arrived.size > 300) this.arrived.delete(this.arrived.keys().next().value as number);
  }

  private lateness(ms: number): void {
    if (this.delay.record(ms)) this.options.onSyncDelay?.(this.delay.target);
  }

  private schedule(): void {
    if (!this.running) return;
    if (typeof this.video.requestVideoFrameCallback === 'function') {
      this.callbackId = this.video.requestVideoFrameCallback((_now, metadata) => {
        this.frame(metadata);
        this.schedule();
      });
    } else {
      // No per-frame callback (older browsers): redraw every animation frame by wall clock.
      requestAnimationFrame(() => {
        this.frame(null);
        this.schedule();
      });
    }
  }

  private frame(metadata: VideoFrameCallbackMetadata | null): void {
    const shownAt = performance.timeOrigin + (metadata?.expectedDisplayTime ?? performance.now());
    const rtpTimestamp = metadata?.rtpTimestamp;
    if (rtpTimestamp !== undefined) this.remember(rtpTimestamp, shownAt);
    this.countFrame(shownAt);
    const frame: ShownFrame = {
      rtpTimestamp,
      capturedAt: metadata?.captureTime !== undefined ? performance.timeOrigin + metadata.captureTime : undefined,
      shownAt,
    };
    const found = this.timeline.boxesFor(frame, this.options.assumedDelayMs ?? 150);
    this.draw(found, rtpTimestamp);
  }

  private remember(rtp: number, shownAt: number): void {
    const arrivedAt = this.arrived.get(rtp >>> 0);
    // Boxes that were there before their picture: negative lateness lets the delay shrink again.
    if (arrivedAt !== undefined) this.lateness(arrivedAt - shownAt);
    this.shown.set(rtp >>> 0, shownAt);
    if (this.shown.size > 300) this.shown.delete(this.shown.keys().next().value as number);
  }

  private countFrame(at: number): void {
    this.frameTimes.push(at);
    while (this.frameTimes.length > 0 && this.frameTimes[0] < at - 1000) this.frameTimes.shift();
  }

  private videoFps(): number {
    const n = this.frameTimes.length;
    if (n < 2) return 0;
    return ((n - 1) * 1000) / Math.max(1, this.frameTimes[n - 1] - this.frameTimes[0]);
  }

  private draw(found: FrameBoxes | null, rtpTimestamp: number | undefined): void {
    const ctx = this.prepareCanvas();
    if (!ctx) return;
    const area = contentRect(this.video);
    const sx = area.width / (found?.frameWidth ?? 1);
    const sy = area.height / (found?.frameHeight ?? 1);
    const place = <T extends { x: number; y: number; width: number; height: number }>(b: T) => ({
      x: area.x + b.x * sx,
      y: area.y + b.y * sy,
      width: b.width * sx,
      height: b.height * sy,
    });
    const boxes = (found?.boxes ?? []).map(place);
    const objects = (found?.objects ?? []).map((o) => ({ label: o.label, ...place(o) }));
    ctx.lineWidth = 2;
    ctx.strokeStyle = this.options.objectColor ?? OBJECT_BOX_COLOR;
    for (const o of objects) ctx.strokeRect(o.x, o.y, o.width, o.height);
    ctx.strokeStyle = this.options.boxColor ?? FACE_BOX_COLOR;
    for (const b of boxes) ctx.strokeRect(b.x, b.y, b.width, b.height);
    const measured = this.options.measuredFps?.() ?? null;
    const rate = measured === null ? '' : formatFps(measured);
    drawCaption(ctx, this.options.label, rate, this.canvas.clientWidth);
    // Over the caption band: an object at the top of the picture still shows its label.
    drawTags(ctx, objects, this.options.objectColor ?? OBJECT_BOX_COLOR);
    const caption = rate ? `${this.options.label} · ${rate}` : this.options.label;
    // A hook for the browser tests (and anyone inspecting the page): what the canvas shows.
    if (this.canvas.dataset['caption'] !== caption) this.canvas.dataset['caption'] = caption;
    this.last = { rtpTimestamp, match: found?.match ?? 'none', boxes, objects, caption, videoFps: this.videoFps() };
  }

  /** Matches the canvas to its CSS size (sharp on high-DPI screens); returns a cleared context. */
  private prepareCanvas(): CanvasRenderingContext2D | null {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return null;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(this.canvas.clientWidth * ratio);
    const height = Math.round(this.canvas.clientHeight * ratio);
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, this.canvas.clientWidth, this.canvas.clientHeight);
    return ctx;
  }
}

/** Where the picture sits inside the `<video>` box (object-fit: contain letterboxes it). */
export function contentRect(video: HTMLVideoElement): { x: number; y: number; width: number; height: number } {
  const boxW = video.clientWidth;
  const boxH = video.clientHeight;
  const vw = video.videoWidth || boxW;
  const vh = video.videoHeight || boxH;
  const scale = Math.min(boxW / vw, boxH / vh);
  const width = vw * scale;
  const height = vh * scale;
  return { x: (boxW - width) / 2, y: (boxH - height) / 2, width, height };
}

/** The measured processing rate as the caption shows it, e.g. "9.6 fps". */
export function formatFps(fps: number): string {
  return `${fps.toFixed(1)} fps`;
}

/** Each object's label on a tag of its colour, above the box's top left corner (inside the box when at the top). */
function drawTags(ctx: CanvasRenderingContext2D, objects: Array<{ label: string; x: number; y: number }>, color: string): void {
  ctx.font = '500 12px Roboto, system-ui, sans-serif';
  ctx.textBaseline = 'top';
  const pad = 3;
  const height = 12 + 2 * pad;
  for (const o of objects) {
    const width = ctx.measureText(o.label).width + 2 * pad;
    const y = o.y >= height ? o.y - height : o.y;
    ctx.fillStyle = color;
    ctx.fillRect(o.x, y, width, height);
    ctx.fillStyle = '#000000';
    ctx.fillText(o.label, o.x + pad, y + pad);
  }
}

function drawCaption(ctx: CanvasRenderingContext2D, left: string, right: string, width: number): void {
  ctx.font = '500 13px Roboto, system-ui, sans-serif';
  ctx.textBaseline = 'top';
  const pad = 6;
  const rightWidth = right ? ctx.measureText(right).width : 0;
  ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
  ctx.fillRect(0, 0, width, 13 + 2 * pad);
  ctx.fillStyle = '#ffffff';
  ctx.fillText(left, pad, pad, Math.max(0, width - rightWidth - 4 * pad));
  if (right) ctx.fillText(right, width - rightWidth - pad, pad);
}
