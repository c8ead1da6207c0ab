import { testFrame } from '../testing/pipeline-fakes';
import { DEFAULT_MOTION_GATE, MotionGate, greyGrid } from './motion-gate';

// 64×36 frames on the default 32×18 grid: every cell is 2×2 pixels.
const still = testFrame({ grey: 100 });
const withBlock = (x: number, y: number, size = 8, grey = 200) => testFrame({ grey: 100, block: { x, y, width: size, height: size, grey } });

/** Runs frames 100 ms apart; returns which ones passed the gate. */
function run(gate: MotionGate, frames: Array<ReturnType<typeof testFrame>>, options: { start?: number; tracking?: boolean } = {}) {
  const start = options.start ?? 0;
  return frames.map((f, i) => gate.shouldDetect(f, start + i * 100, options.tracking ?? false));
}

describe('greyGrid', () => {
  it('averages luminance per cell', () => {
    const red = testFrame({ grey: 0 });
    for (let i = 0; i < red.data.length; i += 3) red.data[i] = 255;
    const grid = greyGrid(red, 4, 2);
    expect(grid).toHaveLength(8);
    for (const v of grid) expect(v).toBeCloseTo(0.299 * 255, 3);
  });

  it('sees a block only in the cells it covers', () => {
    const grid = greyGrid(withBlock(0, 0, 4), 32, 18);
    expect([grid[0], grid[1], grid[32], grid[33]]).toEqual([200, 200, 200, 200]);
    expect(grid[2]).toBe(100);
    expect(grid[64]).toBe(100);
  });
});

describe('MotionGate', () => {
  it('lets the first frame through, then skips identical frames', () => {
    const gate = new MotionGate();
    expect(run(gate, [still, still, still, still])).toEqual([true, false, false, false]);
  });

  it('detects a block that moved', () => {
    const gate = new MotionGate();
    expect(run(gate, [withBlock(10, 10), withBlock(10, 10), withBlock(30, 10), withBlock(30, 10)])).toEqual([true, false, true, false]);
  });

  it('detects motion on a full-size 640×360 frame', () => {
    const gate = new MotionGate();
    const big = (x: number) => testFrame({ width: 640, height: 360, grey: 60, block: { x, y: 100, width: 60, height: 60, grey: 180 } });
    expect(run(gate, [big(100), big(100), big(200)])).toEqual([true, false, true]);
  });

  it('ignores changes below the per-cell threshold (sensor noise, flicker)', () => {
    const gate = new MotionGate();
    expect(run(gate, [still, testFrame({ grey: 108 }), testFrame({ grey: 100 })])).toEqual([true, false, false]);
  });

  it('needs more than a stray cell: 1 changed cell is noise, 3 are motion', () => {
    const gate = new MotionGate();
    const cells = (n: number) => {
      const f = testFrame({ grey: 100 });
      for (let c = 0; c < n; c++) f.data.fill(250, c * 4 * 3, (c * 4 + 2) * 3).fill(250, (64 + c * 4) * 3, (64 + c * 4 + 2) * 3);
      return f;
    };
    expect(greyGrid(cells(3), 32, 18).filter((v) => v > 110)).toHaveLength(3);
    expect(run(gate, [still, cells(1), still, cells(3)])).toEqual([true, false, false, true]);
  });

  it('always detects while faces are tracked', () => {
    const gate = new MotionGate();
    expect(run(gate, [still, still, still], { tracking: true })).toEqual([true, true, true]);
  });

  it('detects a still scene at least every maxQuietMs', () => {
    const gate = new MotionGate({ ...DEFAULT_MOTION_GATE, maxQuietMs: 2000 });
    const passedAt = Array.from({ length: 61 }, (_, i) => i * 100).filter((t) => gate.shouldDetect(still, t, false));
    expect(passedAt).toEqual([0, 2000, 4000, 6000]);
  });

  it('counts quiet time from the last frame let through, moving or not', () => {
    const gate = new MotionGate({ ...DEFAULT_MOTION_GATE, maxQuietMs: 1000 });
    expect(gate.shouldDetect(still, 0, false)).toBe(true);
    expect(gate.shouldDetect(withBlock(0, 0), 700, false)).toBe(true);
    expect(gate.shouldDetect(withBlock(0, 0), 1500, false)).toBe(false);
    expect(gate.shouldDetect(withBlock(0, 0), 1700, false)).toBe(true);
  });

  it('after reset treats the next frame as new', () => {
    const gate = new MotionGate();
    run(gate, [still, still]);
    gate.reset();
    expect(gate.shouldDetect(still, 300, false)).toBe(true);
  });
});

describe('MotionGate with masks', () => {
  // The left half of the frame is masked.
  const leftHalf = [{ name: 'TV', kind: 'mask' as const, points: [[0, 0], [0.5, 0], [0.5, 1], [0, 1]] as [number, number][] }];

  it('ignores motion inside a mask', () => {
    const gate = new MotionGate();
    gate.setMasks(leftHalf);
    expect(run(gate, [withBlock(4, 10), withBlock(16, 10), withBlock(4, 10)])).toEqual([true, false, false]);
  });

  it('still sees motion outside the mask', () => {
    const gate = new MotionGate();
    gate.setMasks(leftHalf);
    expect(run(gate, [withBlock(40, 10), withBlock(50, 10)])).toEqual([true, true]);
  });

  it('ignores zones that are not masks, and forgets masks taken away', () => {
    const gate = new MotionGate();
    gate.setMasks([{ ...leftHalf[0], kind: 'zone' }]);
    expect(run(gate, [withBlock(4, 10), withBlock(16, 10)])).toEqual([true, true]);
    gate.setMasks(leftHalf);
    expect(run(gate, [withBlock(4, 10)], { start: 300 })).toEqual([false]);
    gate.setMasks([]);
    expect(run(gate, [withBlock(16, 10)], { start: 400 })).toEqual([true]);
  });
});
