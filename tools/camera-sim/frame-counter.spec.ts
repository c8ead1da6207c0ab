import { FRAME_COUNTER_LAYOUT, frameCounterFilters, readFrameCounter } from './frame-counter';

describe('frame counter', () => {
  const { width, height, left, top, cell, bits } = FRAME_COUNTER_LAYOUT;

  /** A grey picture with the counter drawn the way the drawbox filters draw it. */
  function drawCounter(frame: number, scale = 1): Uint8Array {
    const w = width * scale;
    const luma = new Uint8Array(w * height * scale).fill(110);
    const fill = (cellIndex: number, value: number) => {
      for (let y = top * scale; y < (top + cell) * scale; y++) {
        luma.fill(value, y * w + (left + cellIndex * cell) * scale, y * w + (left + (cellIndex + 1) * cell) * scale);
      }
    };
    for (let i = 0; i < bits + 2; i++) fill(i, 16);
    fill(0, 235);
    for (let bit = 0; bit < bits; bit++) if ((frame >> bit) & 1) fill(bit + 2, 235);
    return luma;
  }

  it.each([0, 1, 45, 179, 4095])('reads frame %i back', (frame) => {
    expect(readFrameCounter(drawCounter(frame), width, height)).toBe(frame);
  });

  it('reads a picture of another size with the same proportions', () => {
    expect(readFrameCounter(drawCounter(77, 2), width * 2, height * 2)).toBe(77);
  });

  it('returns null when the marker is missing', () => {
    expect(readFrameCounter(new Uint8Array(width * height).fill(200), width, height)).toBeNull();
  });

  it('draws one box per bit, switched on by the frame number', () => {
    const filters = frameCounterFilters();
    expect(filters).toHaveLength(bits + 2);
    expect(filters[2 + 3]).toContain("enable='eq(mod(floor(n/8),2),1)'");
  });
});
