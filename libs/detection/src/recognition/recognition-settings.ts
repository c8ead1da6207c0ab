import type { QualityGates } from './quality';

/** What decides which faces recognition uses; the API passes its configuration in here. */
export interface RecognitionSettings {
  gates: QualityGates;
  /**
   * When nothing is found, look again in the frame padded by this fraction of its larger side on
   * every side (0: never). BlazeFace's full-range model misses faces that fill the frame, as in a
   * tight head-and-shoulders photo; with a border round it they are an ordinary size again.
   * Not done when the caller gives regions (they come from a detection that found faces there).
   */
  retryPadding: number;
}

/**
 * Gates chosen on the development set (libs/detection/README.md, "Recognition"): 40 px is where
 * faceres' same-person similarity starts to drop; a sharpness of 15 rejects a visibly blurred face
 * (Gaussian σ ≥ 2.5 px on a 112 px crop) while every usable development photo passes; beyond 45° of
 * yaw one eye is hidden and the alignment guesses.
 */
export const DEFAULT_QUALITY_GATES: QualityGates = { minFaceSize: 40, minSharpness: 15, maxYaw: 55 };

export const DEFAULT_RECOGNITION_SETTINGS: RecognitionSettings = {
  gates: DEFAULT_QUALITY_GATES,
  retryPadding: 0.5,
};
