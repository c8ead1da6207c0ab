import { rank1, rankPeople, tarAtFar, similarity, type Probe } from './people-metrics';
import type { PeopleDataset, PhotoResult } from './people-dataset';

/** Enrols the first `enrolled` photos of each identity; every other gallery photo and every distractor is a probe. */
export function buildProbes(dataset: PeopleDataset, photos: Map<string, PhotoResult>, enrolled = 2): { probes: Probe[]; gallery: Map<string, Float32Array[]> } {
  const gallery = new Map<string, Float32Array[]>();
  for (const id of dataset.identities) {
    const vectors = id.images.slice(0, enrolled).map((f) => photos.get(f)?.vector ?? null).filter((v): v is Float32Array => v !== null);
    gallery.set(id.slug, vectors);
  }
  const probe = (file: string, truth: string | null): Probe => {
    const v = photos.get(file)?.vector ?? null;
    return { truth, ranked: v ? rankPeople(v, gallery) : null };
  };
  const probes = [
    ...dataset.identities.flatMap((id) => id.images.slice(enrolled).map((f) => probe(f, id.slug))),
    ...dataset.distractors.map((f) => probe(f, null)),
  ];
  return { probes, gallery };
}

export function pairScores(dataset: PeopleDataset, photos: Map<string, PhotoResult>) {
  const sim = (a: string, b: string) => similarity(photos.get(a)?.vector ?? null, photos.get(b)?.vector ?? null);
  return {
    genuine: dataset.pairs.filter((p) => p.same).map((p) => sim(p.a, p.b)),
    impostor: dataset.pairs.filter((p) => !p.same).map((p) => sim(p.a, p.b)),
  };
}

export function verificationAndRank1(dataset: PeopleDataset, photos: Map<string, PhotoResult>) {
  const { genuine, impostor } = pairScores(dataset, photos);
  const { probes } = buildProbes(dataset, photos);
  return {
    tar1: tarAtFar(genuine, impostor, 0.01).tar,
    tar01: tarAtFar(genuine, impostor, 0.001).tar,
    rank1: rank1(probes),
    noFace: [...photos.values()].filter((p) => !p.vector).length,
  };
}
