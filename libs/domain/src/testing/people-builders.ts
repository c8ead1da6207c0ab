// Test data for recognition: people, faces, analysed faces and embeddings.
import type { Face } from '../people/face';
import type { AnalysedFace, FaceEmbedding } from '../people/face-analyser';
import type { Person } from '../people/person';
import { BUILT_AT } from './builders';

/** The model of the embeddings the builders make (and of ScriptedFaceAnalyser). */
export const TEST_MODEL = 'test-model@1';

/** A unit vector pointing mostly along `axis` of a small space, tilted towards `towards` by `tilt` (radians). */
export function unitVector(axis: number, options: { dim?: number; towards?: number; tilt?: number } = {}): number[] {
  const { dim = 8, towards = (axis + 1) % dim, tilt = 0 } = options;
  const v = new Array<number>(dim).fill(0);
  v[axis] = Math.cos(tilt);
  v[towards] += Math.sin(tilt);
  return v;
}

export function anEmbedding(vector: number[], model = TEST_MODEL): FaceEmbedding {
  return { model, vector };
}

/** Person `p1`, "Alice", trusted (`alert: false`). */
export function aPerson(overrides: Partial<Person> = {}): Person {
  return { id: 'p1', name: 'Alice', alert: false, createdAt: BUILT_AT, updatedAt: BUILT_AT, ...overrides };
}

/** Face `f1` of `p1`, its embedding along the first axis. */
export function aFace(overrides: Partial<Face> = {}): Face {
  const id = overrides.id ?? 'f1';
  const personId = overrides.personId ?? 'p1';
  return {
    id,
    personId,
    box: { x: 10, y: 10, width: 100, height: 120 },
    quality: 0.9,
    imageKey: `faces/${personId}/${id}.jpg`,
    embeddings: [anEmbedding(unitVector(0))],
    sourceAlertId: null,
    createdAt: BUILT_AT,
    ...overrides,
  };
}

/** A sharp, frontal, 100 px face at (100, 100) with an embedding along the first axis. */
export function anAnalysedFace(overrides: Partial<AnalysedFace> = {}): AnalysedFace {
  return {
    box: { x: 100, y: 100, width: 100, height: 120 },
    score: 0.95,
    quality: { size: 100, sharpness: 200, yaw: 0, score: 0.9 },
    embedding: anEmbedding(unitVector(0)),
    ...overrides,
  };
}
