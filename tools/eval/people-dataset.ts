import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalysedFace, FaceAnalyser, Frame } from '@argus/domain';
import sharp from 'sharp';

/** The identities development set: gallery people, distractors, verification pairs, group photos. */
export interface PeopleDataset {
  dir: string;
  identities: Array<{ slug: string; name: string; images: string[] }>;
  distractors: string[];
  pairs: Array<{ a: string; b: string; same: boolean }>;
  groups: Array<{ file: string; identities: string[]; distractorPeople: string[] }>;
  /** Distractor people with several photos: which distractor files show the same person. */
  distractorPeople: Array<{ slug: string; images: string[] }>;
}

interface RawIdentities {
  identities: Record<string, { name: string; images: string[] }>;
  distractors: string[];
  pairs: Array<{ a: string; b: string; same: boolean }>;
  distractor_people?: Record<string, { images: string[] }>;
}

interface RawGroups {
  groups: Array<{ file: string; identities: string[]; distractor_people?: string[] }>;
}

export function loadPeopleDataset(dir: string): PeopleDataset {
  const file = join(dir, 'identities.json');
  if (!existsSync(file)) throw new Error(`${file} not found`);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawIdentities;
  const groupsFile = join(dir, 'groups.json');
  const groups = existsSync(groupsFile) ? (JSON.parse(readFileSync(groupsFile, 'utf8')) as RawGroups).groups : [];
  return {
    dir,
    identities: Object.entries(raw.identities).map(([slug, v]) => ({ slug, name: v.name, images: v.images })),
    distractors: raw.distractors,
    pairs: raw.pairs,
    groups: groups.map((g) => ({ file: g.file, identities: g.identities, distractorPeople: g.distractor_people ?? [] })),
    distractorPeople: Object.entries(raw.distractor_people ?? {}).map(([slug, v]) => ({ slug, images: v.images })),
  };
}

/** Every single-subject photo of the set: gallery images, then distractors. */
export function subjectPhotos(dataset: PeopleDataset): string[] {
  return [...new Set([...dataset.identities.flatMap((i) => i.images), ...dataset.distractors])];
}

/**
 * The photo's subject: the face that is both large and central (LFW crops centre the labelled
 * person; others may be visible at the edges).
 */
export function mainFace(faces: AnalysedFace[], width: number, height: number): AnalysedFace | undefined {
  const weight = (f: AnalysedFace) => {
    const dx = (f.box.x + f.box.width / 2 - width / 2) / width;
    const dy = (f.box.y + f.box.height / 2 - height / 2) / height;
    return f.box.width * f.box.height * Math.max(0.05, 1 - 2 * Math.hypot(dx, dy));
  };
  return [...faces].sort((a, b) => weight(b) - weight(a))[0];
}

export interface PhotoResult {
  face?: AnalysedFace;
  /** The subject's embedding; null when no face was found or it failed a gate. */
  vector: Float32Array | null;
  ms: number;
}

/** Decodes any image sharp reads (the set has a WebP among its JPEGs) into an RGB frame. */
export async function readPhoto(path: string): Promise<Frame> {
  const { data, info } = await sharp(path).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** Runs the analyser over each photo and keeps its main face. */
export async function embedPhotos(
  dataset: PeopleDataset,
  files: string[],
  analyser: FaceAnalyser,
  onProgress?: (done: number) => void,
): Promise<Map<string, PhotoResult>> {
  const out = new Map<string, PhotoResult>();
  for (const file of files) {
    const frame = await readPhoto(join(dataset.dir, file));
    const started = performance.now();
    const face = mainFace(await analyser.analyse(frame), frame.width, frame.height);
    const ms = performance.now() - started;
    out.set(file, { face, vector: face?.embedding ? Float32Array.from(face.embedding.vector) : null, ms });
    onProgress?.(out.size);
  }
  return out;
}
