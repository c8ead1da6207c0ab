import type { Region } from './region';

/** Frames at least this much wider than tall (or taller than wide) get a tiled second pass; 4:3 does not (a 480 px tile gains only 1.33× over the full pass). */
export const TILING_MIN_ASPECT = 1.4;

/**
 * Square tiles for the second pass over a wide (or tall) frame: side = the short side, as few
 * tiles as cover the long side, evenly spread so neighbours overlap. In one 256 px letterboxed pass
 * of a 1280×720 frame a face shrinks by 5×; in a 720 px tile only by 2.8×, so faces ~1.8× smaller
 * become findable. Returns no tile for frames that are close to square (the full pass already is
 * one tile).
 */
export function squareTiles(width: number, height: number, minAspect = TILING_MIN_ASPECT): Region[] {
  const long = Math.max(width, height);
  const side = Math.min(width, height);
  if (side <= 0 || long / side < minAspect) return [];
  const count = Math.ceil(long / side);
  const step = (long - side) / (count - 1);
  const tiles: Region[] = [];
  for (let i = 0; i < count; i++) {
    const offset = Math.round(i * step);
    tiles.push(width >= height ? { x: offset, y: 0, width: side, height: side } : { x: 0, y: offset, width: side, height: side });
  }
  return tiles;
}

/** Detections of one tile, already in frame pixels. */
export interface TileDetections<T extends Region> {
  tile: Region;
  boxes: T[];
}

/**
 * Drops tile detections that touch an edge the tile shares with the frame's interior: a face cut by
 * the tile border gives a partial box, and the neighbouring tile (or the full-frame pass) sees the
 * whole face anyway. Edges on the frame border are kept.
 */
export function dropCutAtTileEdges<T extends Region>(
  detections: TileDetections<T>,
  frameWidth: number,
  frameHeight: number,
  margin = 2,
): T[] {
  const { tile } = detections;
  const inner = {
    left: tile.x > 0,
    top: tile.y > 0,
    right: tile.x + tile.width < frameWidth,
    bottom: tile.y + tile.height < frameHeight,
  };
  return detections.boxes.filter(
    (b) =>
      !(inner.left && b.x <= tile.x + margin) &&
      !(inner.top && b.y <= tile.y + margin) &&
      !(inner.right && b.x + b.width >= tile.x + tile.width - margin) &&
      !(inner.bottom && b.y + b.height >= tile.y + tile.height - margin),
  );
}
