import type { PersonSimilarity } from './face-matcher';

/** Crops of one face track that are embedded and voted on: the best by FaceQuality.score. */
export const TRACK_CROPS_VOTED = 3;

/** A crop of a face track, ranked by its quality score. */
export interface RankedCrop {
  /** FaceQuality.score, 0–1. */
  quality: number;
}

/**
 * Keeps the best few crops of one face track as frames arrive (highest quality first; on equal
 * quality the earlier crop stays).
 */
export class TrackCrops<T extends RankedCrop> {
  private readonly kept: T[] = [];

  constructor(private readonly keep: number = TRACK_CROPS_VOTED) {
    if (!Number.isInteger(keep) || keep < 1) throw new Error('a track keeps at least one crop');
  }

  /** True when the crop is among the best so far (and is kept). */
  offer(crop: T): boolean {
    if (this.kept.length === this.keep && crop.quality <= this.kept[this.kept.length - 1].quality) return false;
    const at = this.kept.findIndex((c) => crop.quality > c.quality);
    this.kept.splice(at < 0 ? this.kept.length : at, 0, crop);
    if (this.kept.length > this.keep) this.kept.pop();
    return true;
  }

  get crops(): readonly T[] {
    return this.kept;
  }
}

export interface VotedIdentity {
  personId: string;
  /** Accepted matches naming the person. */
  votes: number;
  /** Mean similarity of those matches. */
  similarity: number;
}

/**
 * The identity of a track from its crops' matches (null: no accepted match): the person named by
 * the most accepted matches, ties going to the higher mean similarity; no accepted match is unknown.
 */
export function voteIdentity(matches: ReadonlyArray<PersonSimilarity | null>): VotedIdentity | null {
  const tally = new Map<string, { votes: number; sum: number }>();
  for (const m of matches) {
    if (!m) continue;
    const t = tally.get(m.personId) ?? { votes: 0, sum: 0 };
    t.votes++;
    t.sum += m.similarity;
    tally.set(m.personId, t);
  }
  let best: VotedIdentity | null = null;
  for (const [personId, t] of tally) {
    const candidate = { personId, votes: t.votes, similarity: t.sum / t.votes };
    if (!best || candidate.votes > best.votes || (candidate.votes === best.votes && candidate.similarity > best.similarity)) {
      best = candidate;
    }
  }
  return best;
}
