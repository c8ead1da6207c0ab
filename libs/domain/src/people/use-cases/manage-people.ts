import type { AlertRepository } from '../../alerts/alert-repository';
import type { Clock } from '../../shared/clock';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors';
import type { IdGenerator } from '../../shared/id-generator';
import { normalizePage, type Page } from '../../shared/pagination';
import type { Principal } from '../../users/user';
import { alertFaceCropKey, type FaceImageStore } from '../face-image-store';
import type { FaceMatcher } from '../face-matcher';
import { requirePeopleManager } from '../people-access';
import type { FaceRepository, PersonRepository } from '../people-repositories';
import { toPersonView } from '../people-views';
import type { Person, PersonView } from '../person';
import { MAX_PERSON_QUERY_LENGTH, parseId, parseNewPerson, parsePersonPatch, type PersonInput } from '../person-input';
import type { PeopleDeps } from './people-deps';

export type ManagePeopleDeps = Pick<PeopleDeps, 'people' | 'faces' | 'alerts' | 'crops' | 'matcher' | 'clock' | 'ids' | 'cooldown'>;

export interface PersonListInput {
  page?: number;
  limit?: number;
  q?: unknown;
}

/** People Argus knows by name: admins and operators create, rename, watch or trust, and delete them. */
export class ManagePeople {
  constructor(private readonly deps: ManagePeopleDeps) {}

  async create(principal: Principal, input: PersonInput): Promise<PersonView> {
    requirePeopleManager(principal);
    const person = await createPerson(this.deps, input);
    return toPersonView(person, 0);
  }

  async list(principal: Principal, input: PersonListInput = {}): Promise<Page<PersonView>> {
    requirePeopleManager(principal);
    const { page, limit, offset } = normalizePage(input.page, input.limit);
    let q: string | undefined;
    if (input.q !== undefined) {
      if (typeof input.q !== 'string' || input.q.length > MAX_PERSON_QUERY_LENGTH) {
        throw new ValidationError(`q must be a string of at most ${MAX_PERSON_QUERY_LENGTH} characters`);
      }
      q = input.q.trim() || undefined;
    }
    const { items, total } = await this.deps.people.list({ q, offset, limit });
    const counts = await this.deps.faces.countByPerson(items.map((p) => p.id));
    return { items: items.map((p) => toPersonView(p, counts.get(p.id) ?? 0)), total, page, limit };
  }

  async get(principal: Principal, id: unknown): Promise<PersonView> {
    requirePeopleManager(principal);
    const person = await requirePerson(this.deps.people, id);
    return this.view(person);
  }

  async update(principal: Principal, id: unknown, input: PersonInput): Promise<PersonView> {
    requirePeopleManager(principal);
    const person = await requirePerson(this.deps.people, id);
    const patch = parsePersonPatch(input);
    if (patch.name !== undefined) await requireFreeName(this.deps.people, patch.name, person.id);
    const updated = await this.deps.people.update(person.id, { ...patch, updatedAt: this.deps.clock.now() });
    if (!updated) throw new NotFoundError('Person not found');
    return this.view(updated);
  }

  /** Faces, crops, embeddings and corrections go; past alerts keep `person: null`. */
  async delete(principal: Principal, id: unknown): Promise<void> {
    requirePeopleManager(principal);
    const person = await requirePerson(this.deps.people, id);
    await deletePersonData(this.deps, person.id);
    await this.deps.people.delete(person.id);
    this.deps.cooldown.forget({ kind: 'person', personId: person.id, alert: person.alert });
  }

  private async view(person: Person): Promise<PersonView> {
    const counts = await this.deps.faces.countByPerson([person.id]);
    return toPersonView(person, counts.get(person.id) ?? 0);
  }
}

export async function requirePerson(people: PersonRepository, id: unknown): Promise<Person> {
  const person = await people.findById(parseId('personId', id));
  if (!person) throw new NotFoundError('Person not found');
  return person;
}

export async function createPerson(deps: { people: PersonRepository; clock: Clock; ids: IdGenerator }, input: PersonInput): Promise<Person> {
  const valid = parseNewPerson(input);
  await requireFreeName(deps.people, valid.name);
  const now = deps.clock.now();
  const person: Person = { id: deps.ids.next(), name: valid.name, alert: valid.alert, createdAt: now, updatedAt: now };
  await deps.people.create(person);
  return person;
}

async function deletePersonData(
  deps: { faces: FaceRepository; alerts: AlertRepository; crops: FaceImageStore; matcher: FaceMatcher },
  personId: string,
): Promise<void> {
  const faces = await deps.faces.deleteByPerson(personId);
  deps.matcher.removePerson(personId);
  await deps.crops.delete(faces.map((f) => f.imageKey));
  // The clean faces kept with the alerts that named them are theirs too.
  for (let offset = 0; ; offset += ALERT_PAGE) {
    const page = await deps.alerts.list({ personId, offset, limit: ALERT_PAGE });
    await deps.crops.delete(page.items.map((a) => alertFaceCropKey(a.cameraId, a.alertId)));
    if (offset + ALERT_PAGE >= page.total) break;
  }
  await deps.alerts.clearPerson(personId);
}

const ALERT_PAGE = 500;

async function requireFreeName(people: PersonRepository, name: string, ownId?: string): Promise<void> {
  const holder = await people.findByName(name);
  if (holder && holder.id !== ownId) throw new ConflictError(`a person named "${holder.name}" already exists`);
}
