import type { LiveDetections } from '@argus/domain';
import { BoxOverlay, overlaySize, yuva420pBytes } from './box-overlay';

function detections(boxes: LiveDetections['boxes'], frameWidth = 320, frameHeight = 180): LiveDetections {
  return { frameWidth, frameHeight, capturedAt: 0, pts90k: 0, boxes };
}

/** The alpha plane of a yuva420p frame as a function of (x, y). */
function alphaOf(frame: Uint8Array, width: number, height: number) {
  const offset = width * height * 1.5;
  return (x: number, y: number) => frame[offset + y * width + x];
}

describe('overlaySize', () => {
  it('is the video up to 640 wide, scaled down beyond, with even sides', () => {
    expect(overlaySize({ width: 640, height: 360 })).toEqual({ width: 640, height: 360 });
    expect(overlaySize({ width: 1280, height: 720 })).toEqual({ width: 640, height: 360 });
    expect(overlaySize({ width: 1920, height: 1080 })).toEqual({ width: 640, height: 360 });
    expect(overlaySize({ width: 2560, height: 1440 })).toEqual({ width: 640, height: 360 });
    expect(overlaySize({ width: 704, height: 576 })).toEqual({ width: 640, height: 524 });
    expect(overlaySize({ width: 321, height: 241 })).toEqual({ width: 322, height: 242 });
    expect(() => overlaySize({ width: 0, height: 360 })).toThrow(RangeError);
  });
});

describe('BoxOverlay', () => {
  const size = { width: 640, height: 360 };

  it('paints green, opaque box outlines scaled from the detection frame, transparent elsewhere', () => {
    const overlay = new BoxOverlay(size);
    expect(overlay.thickness).toBe(3);
    overlay.update(detections([{ x: 80, y: 45, width: 80, height: 60, score: 0.9 }]), 1000);
    const frame = overlay.frame(1000);
    expect(frame).toHaveLength(yuva420pBytes(size));
    expect(frame).toHaveLength(640 * 360 * 2.5);
    // Y, U and V are green everywhere; alpha decides.
    expect([frame[0], frame[640 * 360], frame[640 * 360 * 1.25]]).toEqual([145, 54, 34]);
    const alpha = alphaOf(frame, 640, 360);
    // 320x180 → 640x360: the box is (160, 90)–(320, 210), 3 px lines inside it.
    for (const [x, y] of [[160, 150], [162, 150], [317, 150], [319, 150], [240, 90], [240, 92], [240, 207], [240, 209], [160, 90], [319, 209]]) {
      expect(alpha(x, y)).toBe(255);
    }
    for (const [x, y] of [[159, 150], [163, 150], [316, 150], [320, 150], [240, 89], [240, 93], [240, 150], [240, 206], [240, 210], [0, 0], [639, 359]]) {
      expect(alpha(x, y)).toBe(0);
    }
    const opaque = frame.subarray(640 * 360 * 1.5).reduce((n, a) => n + (a === 255 ? 1 : 0), 0);
    expect(opaque).toBe(2 * 160 * 3 + 2 * (120 - 6) * 3);
  });

  it('draws every face and clips boxes at the frame border', () => {
    const overlay = new BoxOverlay(size);
    overlay.update(detections([{ x: -20, y: -20, width: 40, height: 40, score: 1 }, { x: 300, y: 160, width: 50, height: 50, score: 1 }]), 0);
    const alpha = alphaOf(overlay.frame(0), 640, 360);
    expect(alpha(0, 10)).toBe(255); // the left edge of the first box, clipped to x = 0
    expect(alpha(39, 10)).toBe(255); // its right edge (x = 20 in the detection frame)
    expect(alpha(20, 20)).toBe(0);
    expect(alpha(600, 359)).toBe(255); // the second box's bottom edge, clipped to the last row
    expect(alpha(639, 340)).toBe(255);
  });

  it('hands out the same frame until the boxes change, and a clear one without faces', () => {
    const overlay = new BoxOverlay(size);
    const clear = overlay.frame(0);
    expect(clear.subarray(640 * 360 * 1.5).every((a) => a === 0)).toBe(true);
    overlay.update(detections([{ x: 10, y: 10, width: 30, height: 30, score: 1 }]), 0);
    const boxed = overlay.frame(10);
    expect(overlay.frame(20)).toBe(boxed);
    overlay.update(detections([{ x: 10, y: 10, width: 30, height: 30, score: 1 }]), 30);
    const next = overlay.frame(40);
    expect(next).not.toBe(boxed);
    expect(next.equals(boxed)).toBe(true);
    overlay.update(detections([]), 50);
    expect(overlay.frame(50)).toBe(clear);
  });

  it('clears the boxes when no detection came for the clear-after time', () => {
    const overlay = new BoxOverlay(size, 1000);
    overlay.update(detections([{ x: 10, y: 10, width: 30, height: 30, score: 1 }]), 5000);
    expect(overlay.current(6000)).not.toBeNull();
    expect(overlay.current(6001)).toBeNull();
    expect(overlay.frame(6001).subarray(640 * 360 * 1.5).every((a) => a === 0)).toBe(true);
  });

  it('refuses odd or empty sizes', () => {
    expect(() => new BoxOverlay({ width: 641, height: 360 })).toThrow(RangeError);
    expect(() => new BoxOverlay({ width: 0, height: 0 })).toThrow(RangeError);
  });
});
