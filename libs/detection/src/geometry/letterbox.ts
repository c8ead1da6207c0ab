import type { Region } from './region';

/**
 * How a source region is fitted into the model's square input without changing its aspect ratio:
 * scaled by `scale` and centred, the rest padded. BlazeFace was trained on undistorted faces, so
 * squashing a 16:9 frame into a square would make every face look 1.8× too narrow.
 */
export interface Letterbox {
  /** The source region (frame pixels) that fills the square. */
  region: Region;
  /** Side of the square model input, px. */
  size: number;
  /** Model-input pixels per source pixel. */
  scale: number;
  padX: number;
  padY: number;
}

export function letterbox(region: Region, size: number): Letterbox {
  if (region.width <= 0 || region.height <= 0) throw new RangeError('letterbox: empty region');
  const scale = size / Math.max(region.width, region.height);
  return {
    region,
    size,
    scale,
    padX: (size - region.width * scale) / 2,
    padY: (size - region.height * scale) / 2,
  };
}

/** Maps a box from model-input pixels back to source-frame pixels. */
export function toFramePixels<T extends Region>(box: T, lb: Letterbox): T {
  return {
    ...box,
    x: lb.region.x + (box.x - lb.padX) / lb.scale,
    y: lb.region.y + (box.y - lb.padY) / lb.scale,
    width: box.width / lb.scale,
    height: box.height / lb.scale,
  };
}

/** Maps a point of the source frame into model-input pixels (the inverse of toFramePixels). */
export function toInputPixels(x: number, y: number, lb: Letterbox): { x: number; y: number } {
  return {
    x: (x - lb.region.x) * lb.scale + lb.padX,
    y: (y - lb.region.y) * lb.scale + lb.padY,
  };
}
