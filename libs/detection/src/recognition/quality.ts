import type { FaceQuality, FaceRejection } from '@argus/domain';
import { Keypoint } from '../model/blazeface-decoder';
import type { AlignedFace, AlignmentTemplate } from './alignment';
import { eyesFromKeypoints } from './alignment';

/** The gates a face must pass to be enrolled or matched. */
export interface QualityGates {
  /** Minimum face (box) width in frame pixels. */
  minFaceSize: number;
  /** Minimum variance of the Laplacian of the grey sharpness crop (SHARPNESS_TEMPLATE). */
  minSharpness: number;
  /** Maximum |yaw|, degrees. */
  maxYaw: number;
}

/**
 * The crop sharpness is measured on: the same for every embedding model, so the blur gate does not
 * move when the model changes. Small faces are upscaled into it and come out soft, as they should.
 */
export const SHARPNESS_TEMPLATE: AlignmentTemplate = { size: 112, eyeY: 0.4, eyeDistance: 0.4 };

/**
 * Nose-tip protrusion in front of the eyes relative to half the eye distance, for an average adult
 * head: turns the nose's sideways offset into a yaw angle.
 */
const NOSE_DEPTH_RATIO = 0.8;

/** Grey level (BT.601 luma) of an aligned RGB crop. */
export function toGrey(face: AlignedFace): Float32Array {
  const n = face.size * face.size;
  const grey = new Float32Array(n);
  for (let i = 0; i < n; i++) grey[i] = 0.299 * face.pixels[i * 3] + 0.587 * face.pixels[i * 3 + 1] + 0.114 * face.pixels[i * 3 + 2];
  return grey;
}

/** Variance of the 4-neighbour Laplacian over the inner pixels: low for blurred images. */
export function laplacianVariance(grey: Float32Array, size: number): number {
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  for (let y = 1; y < size - 1; y++) {
    for (let x = 1; x < size - 1; x++) {
      const i = y * size + x;
      const lap = grey[i - 1] + grey[i + 1] + grey[i - size] + grey[i + size] - 4 * grey[i];
      sum += lap;
      sumSq += lap * lap;
      count++;
    }
  }
  if (count === 0) return 0;
  const mean = sum / count;
  return sumSq / count - mean * mean;
}

/**
 * Yaw from the eyes and the nose tip: turning the head moves the nose sideways off the eyes' midpoint
 * (by depth·sin θ) while the eyes draw together (half distance · cos θ). Positive: nose to the image's right.
 */
export function yawFromKeypoints(keypoints: readonly number[]): number {
  const { left, right } = eyesFromKeypoints(keypoints);
  const nose = { x: keypoints[Keypoint.Nose * 2], y: keypoints[Keypoint.Nose * 2 + 1] };
  const ex = right.x - left.x;
  const ey = right.y - left.y;
  const half = Math.hypot(ex, ey) / 2;
  if (!(half > 0)) return 90;
  const mid = { x: (left.x + right.x) / 2, y: (left.y + right.y) / 2 };
  const along = ((nose.x - mid.x) * ex + (nose.y - mid.y) * ey) / (2 * half); // along the eye line
  return (Math.atan2(along / NOSE_DEPTH_RATIO, half) * 180) / Math.PI;
}

/** Measures a face and applies the gates, first failing gate wins (size, then blur, then pose). */
export function gradeFace(
  input: { width: number; score: number; keypoints: readonly number[]; sharpnessCrop: AlignedFace },
  gates: QualityGates,
): FaceQuality {
  const size = input.width;
  const sharpness = laplacianVariance(toGrey(input.sharpnessCrop), input.sharpnessCrop.size);
  const yaw = yawFromKeypoints(input.keypoints);
  let rejection: FaceRejection | undefined;
  if (size < gates.minFaceSize) rejection = 'too-small';
  else if (sharpness < gates.minSharpness) rejection = 'too-blurred';
  else if (Math.abs(yaw) > gates.maxYaw) rejection = 'turned-away';
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const score =
    clamp(input.score) *
    clamp(size / (3 * gates.minFaceSize)) *
    clamp(sharpness / (4 * gates.minSharpness)) *
    clamp(Math.cos((yaw * Math.PI) / 180));
  const quality: FaceQuality = { size, sharpness, yaw, score };
  if (rejection) quality.rejection = rejection;
  return quality;
}
