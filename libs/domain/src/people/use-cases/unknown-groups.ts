import { NotFoundError, ValidationError } from '../../shared/errors';
import { normalizePage, type Page } from '../../shared/pagination';
import type { Principal } from '../../users/user';
import type { Face } from '../face';
import { requirePeopleManager } from '../people-access';
import { toPersonView } from '../people-views';
import type { Person, PersonView } from '../person';
import type { UnknownFace, UnknownGroup } from '../unknown-group';
import { parseId } from '../person-input';
import { createPerson, requirePerson } from './manage-people';
import { CORRECTED_SIMILARITY } from './correct-alert-identity';
import type { PeopleDeps } from './people-deps';

export type UnknownGroupsDeps = Pick<PeopleDeps, 'people' | 'faces' | 'unknowns' | 'alerts' | 'matcher' | 'grouper' | 'crops' | 'clock' | 'ids' | 'cooldown'>;

/** Faces of a group shown as samples. */
export const UNKNOWN_GROUP_SAMPLES = 4;

export interface UnknownGroupEntry {
  group: UnknownGroup;
  /** The first faces of the group, for its sample images. */
  samples: UnknownFace[];
}

/** `{ personId }`: join that person; `{ name }`: become a new person of that name. */
export interface AssignInput {
  personId?: unknown;
  name?: unknown;
}

/** Strangers seen by cameras: listed, named (assigned to a person) or dismissed. */
export class UnknownGroups {
  constructor(private readonly deps: UnknownGroupsDeps) {}

  async list(principal: Principal, page?: number, limit?: number): Promise<Page<UnknownGroupEntry>> {
    requirePeopleManager(principal);
    const p = normalizePage(page, limit);
    const { items, total } = await this.deps.unknowns.list(p.offset, p.limit);
    const entries = await Promise.all(
      items.map(async (group) => ({ group, samples: await this.deps.unknowns.listFaces(group.id, UNKNOWN_GROUP_SAMPLES) })),
    );
    return { items: entries, total, page: p.page, limit: p.limit };
  }

  /** The group's faces become the person's (their crops stay where they are) and the group goes. */
  async assign(principal: Principal, groupId: unknown, input: AssignInput): Promise<PersonView> {
    requirePeopleManager(principal);
    return this.deps.grouper.exclusive(() => this.assignNow(groupId, input));
  }

  private async assignNow(groupId: unknown, input: AssignInput): Promise<PersonView> {
    const group = await this.requireGroup(groupId);
    const hasId = input?.personId !== undefined;
    const hasName = input?.name !== undefined;
    if (hasId === hasName) throw new ValidationError('give either personId or name');
    const person: Person = hasId
      ? await requirePerson(this.deps.people, input.personId)
      : await createPerson(this.deps, { name: input.name });
    const unknownFaces = await this.deps.unknowns.listFaces(group.id);
    const faces: Face[] = unknownFaces.map((u) => ({
      id: this.deps.ids.next(),
      personId: person.id,
      box: u.box ? { ...u.box } : { x: 0, y: 0, width: 0, height: 0 },
      quality: u.quality,
      imageKey: u.imageKey,
      embeddings: [u.embedding],
      sourceAlertId: u.alertId,
      createdAt: u.seenAt,
    }));
    for (const face of faces) await this.deps.faces.add(face);
    // The group's past alerts now name the person, as a correction from the console would.
    await this.deps.alerts.nameUnknown(group.id, { id: person.id, name: person.name, similarity: CORRECTED_SIMILARITY });
    await this.deps.unknowns.delete(group.id);
    this.deps.grouper.removeGroup(group.id);
    this.deps.cooldown.forget({ kind: 'unknown', groupId: group.id });
    for (const face of faces) {
      const [embedding] = face.embeddings;
      this.deps.matcher.add(embedding.model, { faceId: face.id, personId: person.id, vector: embedding.vector });
    }
    const counts = await this.deps.faces.countByPerson([person.id]);
    return toPersonView(person, counts.get(person.id) ?? 0);
  }

  /** Deletes the group, its faces and their crops. */
  async dismiss(principal: Principal, groupId: unknown): Promise<void> {
    requirePeopleManager(principal);
    const faces = await this.deps.grouper.exclusive(async () => {
      const group = await this.requireGroup(groupId);
      const gone = await this.deps.unknowns.delete(group.id);
      this.deps.grouper.removeGroup(group.id);
      this.deps.cooldown.forget({ kind: 'unknown', groupId: group.id });
      return gone;
    });
    await this.deps.crops.delete(faces.map((f) => f.imageKey));
  }

  private async requireGroup(groupId: unknown): Promise<UnknownGroup> {
    const group = await this.deps.unknowns.findById(parseId('groupId', groupId));
    if (!group) throw new NotFoundError('Unknown group not found');
    return group;
  }
}
