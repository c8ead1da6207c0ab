import type { BoundingBox } from '../alerts/bounding-box';
import type { Frame } from '../detection/face-detector';
import type { IdGenerator } from '../shared/id-generator';
import { cosineSimilarity, type FaceEmbedding } from './face-analyser';
import { unknownFaceCropKey, type FaceImageStore } from './face-image-store';
import type { UnknownGroupRepository } from './people-repositories';

export interface UnknownGrouperDeps {
  groups: UnknownGroupRepository;
  crops: FaceImageStore;
  ids: IdGenerator;
  /** Least cosine similarity to a group's faces for a new face to join that group. */
  threshold: number;
}

/** A face no enrolled person matched, as a camera saw it. */
export interface UnknownSighting {
  cameraId: string;
  alertId: string | null;
  frame: Frame;
  box: BoundingBox;
  embedding: FaceEmbedding;
  /** FaceQuality.score. */
  quality: number;
  seenAt: Date;
}

export interface GroupedFace {
  groupId: string;
  faceId: string;
  /** True when the face started a new group. */
  created: boolean;
  /** Similarity to the group it joined (null for a new group). */
  similarity: number | null;
}

interface Member {
  faceId: string;
  groupId: string;
  vector: number[];
}

/**
 * Groups unknown faces online, across every camera: a new face joins the group holding its most
 * similar face when that similarity reaches the threshold, else it starts a new group. Sightings are
 * handled one at a time so two faces of one stranger never race into two groups.
 */
export class UnknownGrouper {
  private readonly members = new Map<string, Member[]>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: UnknownGrouperDeps) {
    if (!(deps.threshold > -1 && deps.threshold <= 1)) throw new Error('unknown group threshold must be in (-1, 1]');
  }

  async load(model: string): Promise<void> {
    const rows = await this.deps.groups.listEmbeddings(model);
    this.members.set(
      model,
      rows.map((r) => ({ faceId: r.faceId, groupId: r.groupId, vector: r.vector })),
    );
  }

  /** The group a face would join, without recording it. */
  nearest(embedding: FaceEmbedding): { groupId: string; similarity: number } | null {
    let best: { groupId: string; similarity: number } | null = null;
    for (const m of this.members.get(embedding.model) ?? []) {
      const similarity = cosineSimilarity(m.vector, embedding.vector);
      if (!best || similarity > best.similarity) best = { groupId: m.groupId, similarity };
    }
    return best && best.similarity >= this.deps.threshold ? best : null;
  }

  record(sighting: UnknownSighting): Promise<GroupedFace> {
    return this.exclusive(() => this.recordNow(sighting));
  }

  /** Runs `work` between sightings (assigning or dismissing a group), so no face lands in a group being removed. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Forgets a group (assigned to a person or dismissed). */
  removeGroup(groupId: string): void {
    for (const [model, list] of this.members) this.members.set(model, list.filter((m) => m.groupId !== groupId));
  }

  private async recordNow(s: UnknownSighting): Promise<GroupedFace> {
    const near = this.nearest(s.embedding);
    let groupId = near?.groupId;
    if (!groupId) {
      const group = await this.deps.groups.create({
        id: this.deps.ids.next(),
        faceCount: 0,
        firstSeen: s.seenAt,
        lastSeen: s.seenAt,
        cameraIds: [],
      });
      groupId = group.id;
    }
    const faceId = this.deps.ids.next();
    const imageKey = unknownFaceCropKey(groupId, faceId);
    await this.deps.crops.saveCrop(imageKey, s.frame, s.box);
    try {
      await this.deps.groups.addFace({
        id: faceId,
        groupId,
        cameraId: s.cameraId,
        alertId: s.alertId,
        box: { ...s.box },
        imageKey,
        embedding: { model: s.embedding.model, vector: [...s.embedding.vector] },
        quality: s.quality,
        seenAt: s.seenAt,
      });
    } catch (err) {
      await this.deps.crops.delete([imageKey]).catch(() => undefined);
      throw err;
    }
    const list = this.members.get(s.embedding.model) ?? [];
    list.push({ faceId, groupId, vector: [...s.embedding.vector] });
    this.members.set(s.embedding.model, list);
    return { groupId, faceId, created: !near, similarity: near?.similarity ?? null };
  }
}
