/**
 * A frame number burned into the clip as a row of black and white blocks (bottom left), so that a
 * receiver (the live-view benchmark) can read back which clip frame it is showing without OCR.
 * Cell 0 is always white and cell 1 always black (a marker); cells 2… hold the bits, least significant
 * first. 16-pixel cells on the macroblock grid survive H.264 compression and scaling.
 */
export const FRAME_COUNTER_LAYOUT = { width: 640, height: 360, left: 16, top: 336, cell: 16, bits: 12 } as const;

const { left, top, cell, bits } = FRAME_COUNTER_LAYOUT;

/** ffmpeg drawbox filters (for the 640×360 canvas) that draw the counter of frame `n`. */
export function frameCounterFilters(): string[] {
  const strip = `drawbox=x=${left}:y=${top}:w=${cell * (bits + 2)}:h=${cell}:color=black:t=fill`;
  const marker = `drawbox=x=${left}:y=${top}:w=${cell}:h=${cell}:color=white:t=fill`;
  const bitBoxes = Array.from({ length: bits }, (_, bit) => {
    const x = left + cell * (bit + 2);
    // The timeline `enable` expression sees the frame number n: the box shows when bit `bit` of n is set.
    return `drawbox=x=${x}:y=${top}:w=${cell}:h=${cell}:color=white:t=fill:enable='eq(mod(floor(n/${2 ** bit}),2),1)'`;
  });
  return [strip, marker, ...bitBoxes];
}

/**
 * Reads the counter from a decoded frame's luma plane (any size with the clip's 16:9 proportions).
 * Returns null when the marker cells are not there (another picture, or a frame too damaged to trust).
 */
export function readFrameCounter(luma: Uint8Array, width: number, height: number, stride = width): number | null {
  const sx = width / FRAME_COUNTER_LAYOUT.width;
  const sy = height / FRAME_COUNTER_LAYOUT.height;
  const sample = (cellIndex: number) => {
    const x = Math.floor((left + cell * cellIndex + cell / 2) * sx);
    const y = Math.floor((top + cell / 2) * sy);
    return luma[y * stride + x];
  };
  if (!(sample(0) > 160 && sample(1) < 96)) return null;
  let frame = 0;
  for (let bit = 0; bit < bits; bit++) if (sample(bit + 2) > 128) frame += 2 ** bit;
  return frame;
}
