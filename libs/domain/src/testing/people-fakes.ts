// In-memory implementations of the people ports, for unit tests of recognition and its use cases.
import type { BoundingBox } from '../alerts/bounding-box';
import type { Frame } from '../detection/face-detector';
import type { Face } from '../people/face';
import type { AnalyseOptions, AnalysedFace, FaceAnalyser, FaceEmbedding } from '../people/face-analyser';
import type { FaceImageStore, ImageDecoder } from '../people/face-image-store';
import type {
  EnrolledEmbedding,
  FaceRepository,
  NegativeEmbedding,
  PersonListQuery,
  PersonRepository,
  UnknownGroupRepository,
} from '../people/people-repositories';
import type { Person } from '../people/person';
import type { UnknownFace, UnknownGroup } from '../people/unknown-group';
import { ConflictError } from '../shared/errors';

export class InMemoryPeople implements PersonRepository {
  readonly rows = new Map<string, Person>();
  async create(person: Person): Promise<void> {
    if (await this.findByName(person.name)) throw new ConflictError('name taken');
    this.rows.set(person.id, { ...person });
  }
  async findById(id: string): Promise<Person | null> {
    const p = this.rows.get(id);
    return p ? { ...p } : null;
  }
  async findByName(name: string): Promise<Person | null> {
    const p = [...this.rows.values()].find((r) => r.name.toLowerCase() === name.toLowerCase());
    return p ? { ...p } : null;
  }
  async list(q: PersonListQuery): Promise<{ items: Person[]; total: number }> {
    const all = [...this.rows.values()]
      .filter((p) => !q.q || p.name.toLowerCase().includes(q.q.toLowerCase()))
      .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || (a.id < b.id ? -1 : 1));
    return { items: all.slice(q.offset, q.offset + q.limit).map((p) => ({ ...p })), total: all.length };
  }
  async update(id: string, patch: Partial<Pick<Person, 'name' | 'alert' | 'updatedAt'>>): Promise<Person | null> {
    const p = this.rows.get(id);
    if (!p) return null;
    if (patch.name !== undefined) {
      const holder = await this.findByName(patch.name);
      if (holder && holder.id !== id) throw new ConflictError('name taken');
    }
    Object.assign(p, patch);
    return { ...p };
  }
  async delete(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }
}

export class InMemoryFaces implements FaceRepository {
  readonly rows = new Map<string, Face>();
  readonly negatives: NegativeEmbedding[] = [];
  async add(face: Face): Promise<void> {
    if (this.rows.has(face.id)) throw new ConflictError(`face ${face.id} already exists`);
    this.rows.set(face.id, { ...face, embeddings: face.embeddings.map((e) => ({ ...e })) });
  }
  async findById(id: string): Promise<Face | null> {
    return this.rows.get(id) ?? null;
  }
  async listByPerson(personId: string): Promise<Face[]> {
    return [...this.rows.values()].filter((f) => f.personId === personId).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }
  async countByPerson(personIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const f of this.rows.values()) if (personIds.includes(f.personId)) counts.set(f.personId, (counts.get(f.personId) ?? 0) + 1);
    return counts;
  }
  async setEmbedding(faceId: string, embedding: FaceEmbedding): Promise<void> {
    const f = this.rows.get(faceId);
    if (f) f.embeddings = [...f.embeddings.filter((e) => e.model !== embedding.model), embedding];
  }
  async listEmbeddings(model: string): Promise<EnrolledEmbedding[]> {
    return [...this.rows.values()].flatMap((f) =>
      f.embeddings.filter((e) => e.model === model).map((e) => ({ faceId: f.id, personId: f.personId, vector: e.vector })),
    );
  }
  async delete(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }
  async deleteByPerson(personId: string): Promise<Face[]> {
    const gone = await this.listByPerson(personId);
    for (const f of gone) this.rows.delete(f.id);
    this.negatives.splice(0, this.negatives.length, ...this.negatives.filter((n) => n.personId !== personId));
    return gone;
  }
  async addNegative(negative: NegativeEmbedding): Promise<void> {
    this.negatives.push({ ...negative });
  }
  async listNegatives(model: string): Promise<NegativeEmbedding[]> {
    return this.negatives.filter((n) => n.model === model);
  }
}

export class InMemoryUnknownGroups implements UnknownGroupRepository {
  readonly groups = new Map<string, UnknownGroup>();
  readonly faces: UnknownFace[] = [];
  private number = 0;
  async create(group: Omit<UnknownGroup, 'number'>): Promise<UnknownGroup> {
    const created = { ...group, cameraIds: [...group.cameraIds], number: ++this.number };
    this.groups.set(created.id, created);
    return { ...created };
  }
  async findById(id: string): Promise<UnknownGroup | null> {
    const g = this.groups.get(id);
    return g ? { ...g, cameraIds: [...g.cameraIds] } : null;
  }
  async list(offset: number, limit: number): Promise<{ items: UnknownGroup[]; total: number }> {
    const all = [...this.groups.values()].sort((a, b) => b.lastSeen.getTime() - a.lastSeen.getTime());
    return { items: all.slice(offset, offset + limit), total: all.length };
  }
  async addFace(face: UnknownFace): Promise<void> {
    const g = this.groups.get(face.groupId);
    if (!g) throw new Error(`no unknown group ${face.groupId}`);
    this.faces.push({ ...face });
    g.faceCount++;
    if (face.seenAt > g.lastSeen) g.lastSeen = face.seenAt;
    if (!g.cameraIds.includes(face.cameraId)) g.cameraIds.push(face.cameraId);
  }
  async listFaces(groupId: string, limit?: number): Promise<UnknownFace[]> {
    const all = this.faces.filter((f) => f.groupId === groupId);
    return limit === undefined ? all : all.slice(0, limit);
  }
  async listEmbeddings(model: string): Promise<{ faceId: string; groupId: string; vector: number[] }[]> {
    return this.faces.filter((f) => f.embedding.model === model).map((f) => ({ faceId: f.id, groupId: f.groupId, vector: f.embedding.vector }));
  }
  async delete(groupId: string): Promise<UnknownFace[]> {
    const gone = this.faces.filter((f) => f.groupId === groupId);
    this.faces.splice(0, this.faces.length, ...this.faces.filter((f) => f.groupId !== groupId));
    this.groups.delete(groupId);
    return gone;
  }
}

/** Keeps the box of each "crop" instead of a JPEG; `read` answers a few bytes for a stored key. */
export class MemoryFaceImages implements FaceImageStore {
  readonly crops = new Map<string, BoundingBox>();
  async saveCrop(key: string, _frame: Frame, box: BoundingBox): Promise<void> {
    this.crops.set(key, { ...box });
  }
  async read(key: string): Promise<Uint8Array | null> {
    return this.crops.has(key) ? new Uint8Array([0xff, 0xd8, 0xff]) : null;
  }
  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.crops.delete(key);
  }
  async deleteForCamera(cameraId: string): Promise<void> {
    for (const key of [...this.crops.keys()]) if (key.startsWith(`alerts/${cameraId}/`)) this.crops.delete(key);
  }
}

/** Answers the faces the test scripted, for every frame; records what it was asked. */
export class ScriptedFaceAnalyser implements FaceAnalyser {
  faces: AnalysedFace[] = [];
  readonly calls: Array<{ frame: Frame; options?: AnalyseOptions }> = [];
  constructor(readonly model = 'test-model@1') {}
  async analyse(frame: Frame, options?: AnalyseOptions): Promise<AnalysedFace[]> {
    this.calls.push({ frame, options });
    return this.faces.map((f) => ({ ...f }));
  }
}

/** "Decodes" any bytes into a grey frame of a fixed size. */
export class FixedImageDecoder implements ImageDecoder {
  constructor(private readonly width = 640, private readonly height = 480) {}
  async decode(): Promise<Frame> {
    return { width: this.width, height: this.height, channels: 3, data: new Uint8Array(this.width * this.height * 3).fill(128) };
  }
}
