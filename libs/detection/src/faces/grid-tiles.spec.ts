import { smallFaceTiles, windowStarts } from './grid-tiles';

describe('windowStarts', () => {
  it('gives one window when it covers the length', () => {
    expect(windowStarts(300, 512, 0.25)).toEqual([0]);
    expect(windowStarts(512, 512, 0.25)).toEqual([0]);
  });

  it('spreads windows evenly from edge to edge with at least the overlap asked', () => {
    const starts = windowStarts(1024, 512, 0.25); // step ≤ 384 → 3 windows at 0, 256, 512
    expect(starts).toEqual([0, 256, 512]);
    for (let i = 1; i < starts.length; i++) expect(512 - (starts[i] - starts[i - 1])).toBeGreaterThanOrEqual(0.25 * 512);
    expect(starts[starts.length - 1] + 512).toBe(1024);
  });
});

describe('smallFaceTiles', () => {
  it('covers a 4:3 frame with half-long-side squares, overlapping', () => {
    const tiles = smallFaceTiles(1024, 768);
    expect(tiles).toHaveLength(6); // 3 across, 2 down
    expect(tiles.every((t) => t.width === 512 && t.height === 512)).toBe(true);
    expect(tiles[0]).toEqual({ x: 0, y: 0, width: 512, height: 512 });
    expect(tiles[5]).toEqual({ x: 512, y: 256, width: 512, height: 512 });
  });

  it('covers every pixel of a 16:9 frame', () => {
    const tiles = smallFaceTiles(1280, 720);
    for (const [x, y] of [[0, 0], [1279, 719], [640, 360], [1279, 0], [0, 719]]) {
      expect(tiles.some((t) => x >= t.x && x < t.x + t.width && y >= t.y && y < t.y + t.height)).toBe(true);
    }
    expect(tiles.every((t) => t.x + t.width <= 1280 && t.y + t.height <= 720)).toBe(true);
  });

  it('keeps tiles inside a frame whose short side is under the tile side', () => {
    const tiles = smallFaceTiles(2000, 400); // side 1000 > 400
    expect(tiles.every((t) => t.height === 400 && t.width === 1000)).toBe(true);
    expect(tiles.map((t) => t.x)).toEqual([0, 500, 1000]);
  });

  it('gives nothing for an empty frame', () => {
    expect(smallFaceTiles(0, 0)).toEqual([]);
  });
});
