import { zonesAt, type CameraZone } from '../zones/zone';
import type { DecodedFrame } from './frame-decoder';

export interface MotionGateOptions {
  /** Size of the grey thumbnail compared between frames. */
  gridWidth: number;
  gridHeight: number;
  /** A cell changed when its mean grey level moved by more than this (0–255). */
  cellThreshold: number;
  /** Motion when at least this fraction of cells changed. */
  minChangedFraction: number;
  /** Detect anyway at least this often, so a still face is still seen now and then. */
  maxQuietMs: number;
}

export const DEFAULT_MOTION_GATE: MotionGateOptions = {
  gridWidth: 32,
  gridHeight: 18,
  cellThreshold: 10,
  minChangedFraction: 0.004,
  maxQuietMs: 2000,
};

/** Mean grey level of each grid cell, sampling a few pixels per cell (cheap on 640×360 frames). */
export function greyGrid(frame: DecodedFrame, gridWidth: number, gridHeight: number): Float32Array {
  const grid = new Float32Array(gridWidth * gridHeight);
  const cellW = frame.width / gridWidth;
  const cellH = frame.height / gridHeight;
  const samples = 3;
  for (let gy = 0; gy < gridHeight; gy++) {
    for (let gx = 0; gx < gridWidth; gx++) {
      let sum = 0;
      for (let sy = 0; sy < samples; sy++) {
        const y = Math.min(frame.height - 1, Math.floor(gy * cellH + ((sy + 0.5) * cellH) / samples));
        for (let sx = 0; sx < samples; sx++) {
          const x = Math.min(frame.width - 1, Math.floor(gx * cellW + ((sx + 0.5) * cellW) / samples));
          const i = (y * frame.width + x) * frame.channels;
          sum += 0.299 * frame.data[i] + 0.587 * frame.data[i + 1] + 0.114 * frame.data[i + 2];
        }
      }
      grid[gy * gridWidth + gx] = sum / (samples * samples);
    }
  }
  return grid;
}

/**
 * Skips detection on frames where nothing moved (as Frigate does), comparing a small grey
 * thumbnail with the last one. Faces being tracked keep detection on regardless. Cells whose
 * centre lies in one of the camera's masks never count as motion (a TV, a tree in the wind); the
 * share of changed cells is still taken over the whole frame.
 */
export class MotionGate {
  private previous: Float32Array | null = null;
  private lastPassAt = 0;
  /** 1 for a masked cell; null without masks. */
  private masked: Uint8Array | null = null;

  constructor(private readonly options: MotionGateOptions = DEFAULT_MOTION_GATE) {}

  /** Takes the camera's masks (zones of other kinds are ignored); applies from the next frame. */
  setMasks(zones: readonly CameraZone[]): void {
    const masks = zones.filter((zone) => zone.kind === 'mask');
    if (masks.length === 0) {
      this.masked = null;
      return;
    }
    const { gridWidth, gridHeight } = this.options;
    const masked = new Uint8Array(gridWidth * gridHeight);
    for (let gy = 0; gy < gridHeight; gy++) {
      for (let gx = 0; gx < gridWidth; gx++) {
        if (zonesAt((gx + 0.5) / gridWidth, (gy + 0.5) / gridHeight, masks, 'mask').length > 0) masked[gy * gridWidth + gx] = 1;
      }
    }
    this.masked = masked;
  }

  /** True when the frame should go to the detector. */
  shouldDetect(frame: DecodedFrame, now: number, tracking: boolean): boolean {
    const grid = greyGrid(frame, this.options.gridWidth, this.options.gridHeight);
    const moved = this.previous === null || this.changedFraction(this.previous, grid) >= this.options.minChangedFraction;
    this.previous = grid;
    if (moved || tracking || now - this.lastPassAt >= this.options.maxQuietMs) {
      this.lastPassAt = now;
      return true;
    }
    return false;
  }

  reset(): void {
    this.previous = null;
  }

  private changedFraction(a: Float32Array, b: Float32Array): number {
    let changed = 0;
    const masked = this.masked;
    for (let i = 0; i < a.length; i++) if (!masked?.[i] && Math.abs(a[i] - b[i]) > this.options.cellThreshold) changed++;
    return changed / a.length;
  }
}
