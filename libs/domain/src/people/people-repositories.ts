import type { Face } from './face';
import type { FaceEmbedding } from './face-analyser';
import type { Person } from './person';
import type { UnknownFace, UnknownGroup } from './unknown-group';

export interface PersonListQuery {
  /** Case-insensitive substring of the name. */
  q?: string;
  offset: number;
  limit: number;
}

export interface PersonRepository {
  /** Throws ConflictError when the name (case-insensitive) is taken. */
  create(person: Person): Promise<void>;
  findById(id: string): Promise<Person | null>;
  findByName(name: string): Promise<Person | null>;
  /** By name (case-insensitive), then id. */
  list(query: PersonListQuery): Promise<{ items: Person[]; total: number }>;
  /** Returns the updated person, or null when it does not exist; ConflictError when the new name is taken. */
  update(id: string, patch: Partial<Pick<Person, 'name' | 'alert' | 'updatedAt'>>): Promise<Person | null>;
  delete(id: string): Promise<boolean>;
}

/** One enrolled embedding, as matching reads them. */
export interface EnrolledEmbedding {
  faceId: string;
  personId: string;
  vector: number[];
}

/** A "not this person" correction: a face that was matched to the person and is someone else. */
export interface NegativeEmbedding {
  personId: string;
  model: string;
  vector: number[];
  /** The alert whose identity was corrected. */
  alertId: string | null;
  createdAt: Date;
}

export interface FaceRepository {
  add(face: Face): Promise<void>;
  findById(id: string): Promise<Face | null>;
  /** Oldest first. */
  listByPerson(personId: string): Promise<Face[]>;
  countByPerson(personIds: string[]): Promise<Map<string, number>>;
  /** Replaces the embedding of that model (re-computed from the stored crop). */
  setEmbedding(faceId: string, embedding: FaceEmbedding): Promise<void>;
  /** Every enrolled embedding of one model. */
  listEmbeddings(model: string): Promise<EnrolledEmbedding[]>;
  delete(id: string): Promise<boolean>;
  /** Returns the deleted faces (their crops are deleted by the caller); the person's negatives go too. */
  deleteByPerson(personId: string): Promise<Face[]>;
  addNegative(negative: NegativeEmbedding): Promise<void>;
  /** Every "not this person" correction of one model. */
  listNegatives(model: string): Promise<NegativeEmbedding[]>;
}

export interface UnknownGroupRepository {
  /** Creates the group with the next number and returns it. */
  create(group: Omit<UnknownGroup, 'number'>): Promise<UnknownGroup>;
  findById(id: string): Promise<UnknownGroup | null>;
  /** Most recently seen first. */
  list(offset: number, limit: number): Promise<{ items: UnknownGroup[]; total: number }>;
  /** Adds a face and updates the group's count, lastSeen and cameraIds. */
  addFace(face: UnknownFace): Promise<void>;
  listFaces(groupId: string, limit?: number): Promise<UnknownFace[]>;
  /** Every unknown face's embedding of one model, for online grouping. */
  listEmbeddings(model: string): Promise<{ faceId: string; groupId: string; vector: number[] }[]>;
  /** Removes the group and its faces and returns the faces (the caller moves or deletes their crops). */
  delete(groupId: string): Promise<UnknownFace[]>;
}
