/** A decoded frame: tightly packed RGB (3 bytes per pixel) or RGBA (4), row-major. */
export interface Frame {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array;
  /** Capture time of the frame (ms since epoch). */
  capturedAt?: number;
}

export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
}

export interface DetectOptions {
  /** Overrides the detector's default score threshold. */
  minScore?: number;
}

export interface DetectionResult {
  faces: FaceBox[];
  /** Time spent in the detector, ms. */
  ms: number;
}

/** Finds faces in a frame; boxes are in the frame's own pixels. */
export interface FaceDetector {
  detect(frame: Frame, options?: DetectOptions): Promise<DetectionResult>;
  close(): Promise<void>;
}
