/** Cosine similarity of two L2-normalised vectors; a missing embedding matches nothing (−1). */
export function similarity(a: Float32Array | null, b: Float32Array | null): number {
  if (!a || !b) return -1;
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot;
}

/**
 * True-accept rate at a false-accept rate: the threshold lets through at most `far` of the
 * different-person pairs (strictly above the next impostor score), TAR is the same-person share above it.
 */
export function tarAtFar(genuine: number[], impostor: number[], far: number): { tar: number; threshold: number } {
  const sorted = [...impostor].sort((a, b) => b - a);
  const allowed = Math.floor(far * sorted.length);
  const threshold = allowed < sorted.length ? sorted[allowed] : -1;
  const tar = genuine.filter((s) => s > threshold).length / Math.max(1, genuine.length);
  return { tar, threshold };
}

/** A probe's per-person best similarities, best first (the domain's matching rule). */
export function rankPeople(probe: Float32Array, gallery: Map<string, Float32Array[]>): Array<{ person: string; similarity: number }> {
  const ranked: Array<{ person: string; similarity: number }> = [];
  for (const [person, vectors] of gallery) {
    let best = -1;
    for (const v of vectors) best = Math.max(best, similarity(probe, v));
    if (vectors.length > 0) ranked.push({ person, similarity: best });
  }
  return ranked.sort((a, b) => b.similarity - a.similarity);
}

/** The matching rule: the best person if ≥ threshold and ahead of the second-best by ≥ margin, else nobody. */
export function decide(ranked: Array<{ person: string; similarity: number }>, threshold: number, margin: number): string | null {
  const [best, second] = ranked;
  if (!best || best.similarity < threshold) return null;
  if (second && best.similarity - second.similarity < margin) return null;
  return best.person;
}

export interface Probe {
  truth: string | null;
  ranked: Array<{ person: string; similarity: number }> | null;
}

export interface IdentificationRow {
  threshold: number;
  margin: number;
  /** Gallery probes named correctly. */
  named: number;
  /** Gallery probes given another person's name. */
  wrongNames: number;
  /** Distractor photos matched to nobody. */
  distractorsRejected: number;
}

export function identification(probes: Probe[], threshold: number, margin: number): IdentificationRow {
  const known = probes.filter((p) => p.truth !== null);
  const strangers = probes.filter((p) => p.truth === null);
  let named = 0;
  let wrong = 0;
  for (const p of known) {
    const who = p.ranked ? decide(p.ranked, threshold, margin) : null;
    if (who === p.truth) named++;
    else if (who !== null) wrong++;
  }
  const rejected = strangers.filter((p) => !p.ranked || decide(p.ranked, threshold, margin) === null).length;
  return {
    threshold,
    margin,
    named: named / Math.max(1, known.length),
    wrongNames: wrong / Math.max(1, known.length),
    distractorsRejected: rejected / Math.max(1, strangers.length),
  };
}

/** Rank-1: the top-ranked person is the right one, whatever the threshold (no face: a miss). */
export function rank1(probes: Probe[]): number {
  const known = probes.filter((p) => p.truth !== null);
  return known.filter((p) => p.ranked?.[0]?.person === p.truth).length / Math.max(1, known.length);
}
