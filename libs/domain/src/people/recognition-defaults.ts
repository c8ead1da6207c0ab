/**
 * Matching defaults for face-api's ResNet-34 embeddings (`face-api-resnet34@…`, cosine similarity of
 * L2-normalised 128-D vectors), chosen with `npm run eval:people` on the development set: 57 people,
 * the first 2 photos of each enrolled, 208 other photos and 50 distractor photos as probes (table in
 * libs/detection/README.md, "Recognition"). Rule: for each person, the best similarity over that
 * person's enrolled embeddings; the best person is named if ≥ DEFAULT_RECOGNITION_THRESHOLD and at
 * least DEFAULT_RECOGNITION_MARGIN ahead of the second-best person; otherwise the face is unknown.
 * This model's similarities are high for everybody (different people reach 0.93), hence values near 1.
 */

/**
 * 0.935 (with the margin below): 94.7 % of probes named correctly, 0 % wrong names, 96.0 % of
 * distractors rejected. 0.93 rejects only 92 % of distractors; 0.94 names 1.9 points fewer for the
 * same 96 %; 0.945 names 87.5 %.
 */
export const DEFAULT_RECOGNITION_THRESHOLD = 0.935;

/**
 * 0.005: at threshold 0.935 it lifts distractors rejected from 94.0 % to 96.0 % for no loss of
 * correct names; 0.01 loses 0.9 points of correct names for nothing more.
 */
export const DEFAULT_RECOGNITION_MARGIN = 0.005;

/**
 * 0.94: both photos of every distractor person with two photos join (10 of 10 pairs) and no two
 * different distractor people do (0 of 1,215 pairs; 0.93 joins 1, 0.95 splits 1 of the 10 people).
 * Stricter than matching: a wrong merge mixes two strangers for good, a split is fixed by assigning.
 */
export const DEFAULT_UNKNOWN_GROUP_THRESHOLD = 0.94;
