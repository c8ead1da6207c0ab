/** A face box in the processed frame's pixels (the `detections` socket.io event). */
export interface DetectionBox {
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
}

/** An object the camera asks for (a COCO label), in the same pixels as the face boxes. */
export interface DetectionObject extends DetectionBox {
  label: string;
}

export interface DetectionsEvent {
  cameraId: string;
  /** Capture time, ISO 8601 (server clock). */
  ts: string;
  /** The frame's time on the camera's 90 kHz clock: the RTP timestamp the embedded gateway sends. */
  pts90k?: number;
  frameWidth: number;
  frameHeight: number;
  boxes: DetectionBox[];
  /** The camera's latest object result (absent from servers without object detection). */
  objects?: DetectionObject[];
}

/** What is known about the picture on screen (from requestVideoFrameCallback). */
export interface ShownFrame {
  rtpTimestamp?: number;
  /** When the picture was captured, epoch ms (server clock), when the browser can tell. */
  capturedAt?: number;
  /** When it is shown, epoch ms. */
  shownAt: number;
}

/** How boxes were matched to the picture: exactly, between two detections, held, by wall clock. */
export type MatchKind = 'exact' | 'interpolated' | 'held' | 'clock' | 'none';

export interface FrameBoxes {
  boxes: DetectionBox[];
  /** Objects come from their own, slower lane: shown as the event carries them, never interpolated. */
  objects: DetectionObject[];
  frameWidth: number;
  frameHeight: number;
  match: MatchKind;
}

interface TimedEvent {
  event: DetectionsEvent;
  rtp: number | null;
  capturedAt: number;
}

const CLOCK = 90_000;
/** Boxes outlive their frame by at most this long (then faces count as gone). */
const HOLD_MS = 700;
/** Farther apart than this, RTP and pts90k are not the same clock (MediaMTX re-stamps): use wall time. */
const SAME_CLOCK_LIMIT_MS = 10_000;
const KEEP_MS = 10_000;

/** Signed distance a − b on the 32-bit RTP clock (wraps every 13 h). */
const rtpDiff = (a: number, b: number) => ((a - b) | 0) / CLOCK * 1000;

/**
 * Recent detections of one camera, and which of them belongs on the picture being shown. With the
 * embedded gateway the picture's RTP timestamp is the detection's `pts90k`: a frame that was
 * processed gets exactly its boxes; frames in between get boxes interpolated between the two
 * detections around them (or the last one held briefly). Without a shared clock the capture time
 * is used, with the display delay measured by the caller.
 */
export class DetectionTimeline {
  private events: TimedEvent[] = [];

  add(event: DetectionsEvent): void {
    const rtp = typeof event.pts90k === 'number' ? Math.round(event.pts90k) >>> 0 : null;
    const capturedAt = Date.parse(event.ts);
    this.events.push({ event, rtp, capturedAt });
    this.events.sort((a, b) => a.capturedAt - b.capturedAt);
    const oldest = capturedAt - KEEP_MS;
    this.events = this.events.filter((e) => e.capturedAt >= oldest);
  }

  clear(): void {
    this.events = [];
  }

  boxesFor(frame: ShownFrame, assumedDelayMs: number): FrameBoxes | null {
    if (this.events.length === 0) return null;
    if (frame.rtpTimestamp !== undefined) {
      const byRtp = this.byRtp(frame.rtpTimestamp >>> 0);
      if (byRtp) return byRtp;
    }
    return this.byClock(frame.capturedAt ?? frame.shownAt - assumedDelayMs);
  }

  /** Null when no detection shares the picture's clock. */
  private byRtp(rtp: number): FrameBoxes | null {
    let before: TimedEvent | null = null;
    let after: TimedEvent | null = null;
    for (const e of this.events) {
      if (e.rtp === null) continue;
      const ms = rtpDiff(rtp, e.rtp);
      if (Math.abs(ms) > SAME_CLOCK_LIMIT_MS) continue;
      if (ms === 0) return boxesOf(e.event, 'exact');
      if (ms > 0 && (!before || rtpDiff(rtp, before.rtp as number) > ms)) before = e;
      if (ms < 0 && (!after || rtpDiff(after.rtp as number, rtp) > -ms)) after = e;
    }
    if (!before && !after) return null;
    if (!before) return boxesOf(null, 'none');
    if (after && rtpDiff(after.rtp as number, before.rtp as number) <= 2 * HOLD_MS) {
      const t = rtpDiff(rtp, before.rtp as number) / rtpDiff(after.rtp as number, before.rtp as number);
      return interpolate(before.event, after.event, t);
    }
    return rtpDiff(rtp, before.rtp as number) <= HOLD_MS ? boxesOf(before.event, 'held') : boxesOf(null, 'none');
  }

  private byClock(capturedAt: number): FrameBoxes {
    let best: TimedEvent | null = null;
    for (const e of this.events) if (e.capturedAt <= capturedAt + 1) best = e;
    if (!best || capturedAt - best.capturedAt > HOLD_MS) return boxesOf(null, 'none');
    return boxesOf(best.event, 'clock');
  }
}

function boxesOf(event: DetectionsEvent | null, match: MatchKind): FrameBoxes {
  if (!event) return { boxes: [], objects: [], frameWidth: 1, frameHeight: 1, match };
  return { boxes: event.boxes, objects: event.objects ?? [], frameWidth: event.frameWidth, frameHeight: event.frameHeight, match };
}

/** Boxes pair up by nearest centre; a face that appears or leaves in between is taken from `a`. */
function interpolate(a: DetectionsEvent, b: DetectionsEvent, t: number): FrameBoxes {
  if (a.boxes.length !== b.boxes.length || a.frameWidth !== b.frameWidth || a.frameHeight !== b.frameHeight) {
    return boxesOf(a, 'held');
  }
  const free = [...b.boxes];
  const boxes = a.boxes.map((box) => {
    const centre = (x: DetectionBox) => [x.x + x.width / 2, x.y + x.height / 2];
    const [cx, cy] = centre(box);
    free.sort((p, q) => Math.hypot(centre(p)[0] - cx, centre(p)[1] - cy) - Math.hypot(centre(q)[0] - cx, centre(q)[1] - cy));
    const other = free.shift() as DetectionBox;
    const mix = (p: number, q: number) => p + (q - p) * t;
    return { x: mix(box.x, other.x), y: mix(box.y, other.y), width: mix(box.width, other.width), height: mix(box.height, other.height), score: box.score };
  });
  return { boxes, objects: a.objects ?? [], frameWidth: a.frameWidth, frameHeight: a.frameHeight, match: 'interpolated' };
}
