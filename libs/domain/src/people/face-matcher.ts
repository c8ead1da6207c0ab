import type { AnalysedFace, FaceEmbedding } from './face-analyser';
import type { EnrolledEmbedding, FaceRepository } from './people-repositories';

export interface MatcherSettings {
  /** Least cosine similarity to a person's enrolled faces that names them. */
  threshold: number;
  /** Least lead of the best person over the second best. */
  margin: number;
}

export interface PersonSimilarity {
  personId: string;
  similarity: number;
}

/** The enrolled embeddings of one model, in one flat array for a fast scan. */
class ModelIndex {
  private vectors = new Float32Array(0);
  private readonly faceIds: string[] = [];
  private readonly personIds: string[] = [];
  readonly negatives = new Map<string, number[][]>();

  constructor(readonly dim: number) {}

  get size(): number {
    return this.faceIds.length;
  }

  add(entry: EnrolledEmbedding): void {
    this.check(entry.vector);
    const existing = this.faceIds.indexOf(entry.faceId);
    if (existing >= 0) this.removeAt(existing);
    const n = this.faceIds.length;
    if ((n + 1) * this.dim > this.vectors.length) {
      const grown = new Float32Array(Math.max(16, (n + 1) * 2) * this.dim);
      grown.set(this.vectors.subarray(0, n * this.dim));
      this.vectors = grown;
    }
    this.vectors.set(entry.vector, n * this.dim);
    this.faceIds.push(entry.faceId);
    this.personIds.push(entry.personId);
  }

  removeWhere(keep: (faceId: string, personId: string) => boolean): void {
    for (let i = this.faceIds.length - 1; i >= 0; i--) {
      if (!keep(this.faceIds[i], this.personIds[i])) this.removeAt(i);
    }
  }

  /** Best similarity per person. */
  scan(vector: readonly number[]): Map<string, number> {
    this.check(vector);
    const query = Float32Array.from(vector);
    const all = this.vectors;
    const dim = this.dim;
    const best = new Map<string, number>();
    for (let i = 0; i < this.faceIds.length; i++) {
      let dot = 0;
      const base = i * dim;
      for (let k = 0; k < dim; k++) dot += all[base + k] * query[k];
      const person = this.personIds[i];
      if (dot > (best.get(person) ?? -Infinity)) best.set(person, dot);
    }
    return best;
  }

  check(vector: readonly number[]): void {
    if (vector.length !== this.dim) throw new Error(`embedding of length ${vector.length}, expected ${this.dim}`);
  }

  /** Swaps the last entry into the hole. */
  private removeAt(i: number): void {
    const last = this.faceIds.length - 1;
    if (i !== last) {
      this.vectors.copyWithin(i * this.dim, last * this.dim, (last + 1) * this.dim);
      this.faceIds[i] = this.faceIds[last];
      this.personIds[i] = this.personIds[last];
    }
    this.faceIds.pop();
    this.personIds.pop();
  }
}

/**
 * Names faces: an in-memory index of every enrolled embedding, per model. A face is a person's when
 * its best similarity to that person's faces reaches the threshold and leads every other person by
 * the margin, and when it is not closer to one of that person's "not this person" corrections than
 * to the person's own faces.
 */
export class FaceMatcher {
  private readonly models = new Map<string, ModelIndex>();

  constructor(private readonly settings: MatcherSettings) {
    if (!(settings.threshold > -1 && settings.threshold <= 1)) throw new Error('recognition threshold must be in (-1, 1]');
    if (!(settings.margin >= 0 && settings.margin < 2)) throw new Error('recognition margin must be in [0, 2)');
  }

  /** (Re)loads one model's enrolled embeddings and corrections from the repository. */
  async load(faces: FaceRepository, model: string): Promise<void> {
    const [enrolled, negatives] = await Promise.all([faces.listEmbeddings(model), faces.listNegatives(model)]);
    this.models.delete(model);
    for (const entry of enrolled) this.add(model, entry);
    for (const n of negatives) this.addNegative({ model: n.model, vector: n.vector }, n.personId);
  }

  add(model: string, entry: EnrolledEmbedding): void {
    this.index(model, entry.vector.length).add(entry);
  }

  removeFace(faceId: string): void {
    for (const index of this.models.values()) index.removeWhere((id) => id !== faceId);
  }

  removePerson(personId: string): void {
    for (const index of this.models.values()) {
      index.removeWhere((_, person) => person !== personId);
      index.negatives.delete(personId);
    }
  }

  /** Records that a face with this embedding is not `personId`. */
  addNegative(embedding: FaceEmbedding, personId: string): void {
    const index = this.index(embedding.model, embedding.vector.length);
    index.check(embedding.vector);
    const list = index.negatives.get(personId) ?? [];
    list.push([...embedding.vector]);
    index.negatives.set(personId, list);
  }

  /** Number of enrolled embeddings of a model. */
  size(model: string): number {
    return this.models.get(model)?.size ?? 0;
  }

  /** Every person's best similarity, best first. */
  rank(embedding: FaceEmbedding): PersonSimilarity[] {
    const index = this.models.get(embedding.model);
    if (!index) return [];
    return [...index.scan(embedding.vector)]
      .map(([personId, similarity]) => ({ personId, similarity }))
      .sort((a, b) => b.similarity - a.similarity || (a.personId < b.personId ? -1 : 1));
  }

  /** The person this embedding is, or null (an unknown face). */
  match(embedding: FaceEmbedding): PersonSimilarity | null {
    const ranked = this.rank(embedding);
    const index = this.models.get(embedding.model);
    if (!index) return null;
    const best = ranked.find((c) => !this.refused(index, c, embedding.vector));
    if (!best || best.similarity < this.settings.threshold) return null;
    // Every other person, refused ones included: a face that resembles two people is nobody's.
    const runnerUp = ranked.find((c) => c.personId !== best.personId);
    if (runnerUp && best.similarity - runnerUp.similarity < this.settings.margin) return null;
    return best;
  }

  /** A face that failed a quality gate, or has no embedding, is never matched. */
  matchFace(face: AnalysedFace): PersonSimilarity | null {
    if (face.quality.rejection || !face.embedding) return null;
    return this.match(face.embedding);
  }

  private refused(index: ModelIndex, candidate: PersonSimilarity, vector: readonly number[]): boolean {
    const negatives = index.negatives.get(candidate.personId);
    if (!negatives) return false;
    return negatives.some((n) => dot(n, vector) > candidate.similarity);
  }

  private index(model: string, dim: number): ModelIndex {
    let index = this.models.get(model);
    if (!index) {
      index = new ModelIndex(dim);
      this.models.set(model, index);
    }
    return index;
  }
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
