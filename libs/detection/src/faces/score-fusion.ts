/** Weight of the BlazeFace score in the fused score (the verifier's weight is 1 − this). */
export const BLAZEFACE_WEIGHT = 0.5;
/** A verifier that saw nothing still counts as this much (one model's miss is not certainty). */
export const VERIFIER_FLOOR = 0.01;

function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-4), 1 - 1e-4);
  return Math.log(q / (1 - q));
}

/**
 * One score from two detectors' opinions of the same box: the weighted mean of their log-odds,
 * back to a probability. Agreement keeps a score high, a confident no pulls it down, and neither
 * model vetoes alone: a blurred small face that SSD half-sees (0.3) and BlazeFace sees (0.6) keeps
 * 0.44, a cat BlazeFace likes (0.8) and SSD rejects (0.01) drops to 0.17.
 */
export function fuseScores(detector: number, verifier: number, detectorWeight = BLAZEFACE_WEIGHT, floor = VERIFIER_FLOOR): number {
  const z = detectorWeight * logit(detector) + (1 - detectorWeight) * logit(Math.max(verifier, floor));
  return 1 / (1 + Math.exp(-z));
}
