import { letterbox, toFramePixels, toInputPixels } from './letterbox';

describe('letterbox', () => {
  it('fits a 16:9 frame into the square by its width and centres it vertically', () => {
    const lb = letterbox({ x: 0, y: 0, width: 640, height: 360 }, 256);
    expect(lb.scale).toBeCloseTo(0.4);
    expect(lb.padX).toBe(0);
    expect(lb.padY).toBeCloseTo((256 - 144) / 2);
  });

  it('pads a portrait frame left and right', () => {
    const lb = letterbox({ x: 0, y: 0, width: 300, height: 600 }, 128);
    expect(lb.scale).toBeCloseTo(128 / 600);
    expect(lb.padX).toBeCloseTo(32);
    expect(lb.padY).toBe(0);
  });

  it('rejects an empty region', () => {
    expect(() => letterbox({ x: 0, y: 0, width: 0, height: 10 }, 256)).toThrow(RangeError);
  });
});

describe('box mapping', () => {
  it('maps a box in model input pixels back to frame pixels', () => {
    const lb = letterbox({ x: 0, y: 0, width: 1280, height: 720 }, 256); // scale 0.2, padY 56
    const box = toFramePixels({ x: 100, y: 106, width: 20, height: 30, score: 0.9 }, lb);
    expect(box).toEqual({ x: 500, y: 250, width: 100, height: 150, score: 0.9 });
  });

  it('maps boxes of a tile (a region with an offset) into the whole frame', () => {
    const lb = letterbox({ x: 560, y: 0, width: 720, height: 720 }, 256);
    const box = toFramePixels({ x: 128, y: 128, width: 32, height: 32 }, lb);
    expect(box.x).toBeCloseTo(560 + 360);
    expect(box.y).toBeCloseTo(360);
    expect(box.width).toBeCloseTo(90);
  });

  it('is the inverse of toInputPixels', () => {
    const lb = letterbox({ x: 13, y: 7, width: 500, height: 211 }, 256);
    const p = toInputPixels(321, 99, lb);
    const back = toFramePixels({ x: p.x, y: p.y, width: 1, height: 1 }, lb);
    expect(back.x).toBeCloseTo(321);
    expect(back.y).toBeCloseTo(99);
  });
});
