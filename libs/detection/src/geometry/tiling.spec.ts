import type { FaceBox } from '@argus/domain';
import { dropCutAtTileEdges, squareTiles } from './tiling';

describe('squareTiles', () => {
  it('covers a 16:9 frame with two overlapping squares of its height', () => {
    expect(squareTiles(1280, 720)).toEqual([
      { x: 0, y: 0, width: 720, height: 720 },
      { x: 560, y: 0, width: 720, height: 720 },
    ]);
  });

  it('uses three tiles for a 2.5:1 panorama, spread evenly', () => {
    const tiles = squareTiles(1000, 400);
    expect(tiles.map((t) => t.x)).toEqual([0, 300, 600]);
    expect(tiles.every((t) => t.width === 400 && t.height === 400)).toBe(true);
  });

  it('tiles a tall frame vertically', () => {
    expect(squareTiles(360, 640).map((t) => [t.x, t.y, t.width])).toEqual([
      [0, 0, 360],
      [0, 280, 360],
    ]);
  });

  it('adds no tile to a near-square frame', () => {
    expect(squareTiles(640, 480)).toEqual([]);
    expect(squareTiles(500, 500)).toEqual([]);
  });
});

describe('dropCutAtTileEdges', () => {
  const face = (x: number, width: number): FaceBox => ({ x, y: 100, width, height: width, score: 0.9 });

  it('drops boxes cut by an inner tile edge and keeps those on the frame border', () => {
    const left = { x: 0, y: 0, width: 720, height: 720 };
    const kept = dropCutAtTileEdges({ tile: left, boxes: [face(0, 50), face(300, 50), face(690, 30)] }, 1280, 720);
    expect(kept).toEqual([face(0, 50), face(300, 50)]);
  });

  it('checks the left edge of a right-hand tile', () => {
    const right = { x: 560, y: 0, width: 720, height: 720 };
    const kept = dropCutAtTileEdges({ tile: right, boxes: [face(560, 40), face(700, 40), face(1240, 40)] }, 1280, 720);
    expect(kept).toEqual([face(700, 40), face(1240, 40)]);
  });
});
