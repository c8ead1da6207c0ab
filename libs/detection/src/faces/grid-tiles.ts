import type { Region } from '../geometry/region';

/** Side of a small-face tile, as a fraction of the frame's long side. */
export const SMALL_FACE_TILE_FRACTION = 0.5;
/** Least overlap of neighbouring small-face tiles, as a fraction of the tile side. */
export const SMALL_FACE_TILE_OVERLAP = 0.25;

/** Starts of `side`-long windows covering [0, length), evenly spread, neighbours overlapping by ≥ overlap × side. */
export function windowStarts(length: number, side: number, overlap: number): number[] {
  if (length <= side) return [0];
  const count = Math.ceil((length - side) / (side * (1 - overlap))) + 1;
  const step = (length - side) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.round(i * step));
}

/**
 * The small-face pass: square tiles of `fraction` × the long side, overlapping, covering the frame.
 * In one 256 px pass of a 1024 px frame a 30 px face is 7 px at the model's input, under BlazeFace's
 * reach; in a 512 px tile it is 15 px. Faces cut by an inner tile edge are dropped afterwards
 * (dropCutAtTileEdges): the overlap (≥ 1/4 of a tile) holds any face up to that size whole in a
 * neighbour, larger ones are found by the full pass.
 */
export function smallFaceTiles(
  width: number,
  height: number,
  fraction = SMALL_FACE_TILE_FRACTION,
  overlap = SMALL_FACE_TILE_OVERLAP,
): Region[] {
  const side = Math.round(Math.max(width, height) * fraction);
  if (side <= 0 || width <= 0 || height <= 0) return [];
  const tiles: Region[] = [];
  for (const y of windowStarts(height, side, overlap)) {
    for (const x of windowStarts(width, side, overlap)) tiles.push({ x, y, width: Math.min(side, width), height: Math.min(side, height) });
  }
  return tiles;
}
