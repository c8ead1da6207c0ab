import { ConflictError, type Person, type PersonListQuery, type PersonRepository } from '@argus/domain';
import type { Model, RootFilterQuery } from 'mongoose';
import { personNameKey } from '../person-name-key';
import { escapeRegExp } from './mongo-embeddings';
import { isDuplicateKeyError } from './mongo-errors';
import type { PersonDocument } from './people-schemas';

const BY_NAME = { nameKey: 1, _id: 1 } as const;

export class MongoPersonRepository implements PersonRepository {
  constructor(private readonly model: Model<PersonDocument>) {}

  async create(person: Person): Promise<void> {
    try {
      await this.model.create({
        _id: String(person.id),
        name: String(person.name),
        nameKey: personNameKey(String(person.name)),
        alert: person.alert === true,
        createdAt: new Date(person.createdAt.getTime()),
        updatedAt: new Date(person.updatedAt.getTime()),
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError(`the name "${person.name}" is taken`);
      throw error;
    }
  }

  async findById(id: string): Promise<Person | null> {
    const doc = await this.model.findOne({ _id: String(id) }).lean<PersonDocument>().exec();
    return doc ? toPerson(doc) : null;
  }

  async findByName(name: string): Promise<Person | null> {
    const doc = await this.model.findOne({ nameKey: personNameKey(String(name)) }).lean<PersonDocument>().exec();
    return doc ? toPerson(doc) : null;
  }

  async list(query: PersonListQuery): Promise<{ items: Person[]; total: number }> {
    const filter: RootFilterQuery<PersonDocument> = {};
    // The search text is matched literally: its regular-expression metacharacters are escaped.
    if (query.q !== undefined && query.q !== '') filter.nameKey = { $regex: escapeRegExp(personNameKey(String(query.q))) };
    const limit = Math.trunc(query.limit);
    // MongoDB reads limit 0 as "no limit"; the port means an empty page.
    const docs =
      limit > 0
        ? await this.model.find(filter).sort(BY_NAME).skip(Math.max(0, Math.trunc(query.offset))).limit(limit).lean<PersonDocument[]>().exec()
        : [];
    const total = await this.model.countDocuments(filter).exec();
    return { items: docs.map(toPerson), total };
  }

  async update(id: string, patch: Partial<Pick<Person, 'name' | 'alert' | 'updatedAt'>>): Promise<Person | null> {
    const set: Partial<PersonDocument> = {};
    if (patch.name !== undefined) {
      set.name = String(patch.name);
      set.nameKey = personNameKey(set.name);
    }
    if (patch.alert !== undefined) set.alert = patch.alert === true;
    if (patch.updatedAt !== undefined) set.updatedAt = new Date(patch.updatedAt.getTime());
    if (Object.keys(set).length === 0) return this.findById(id);
    try {
      const doc = await this.model.findOneAndUpdate({ _id: String(id) }, { $set: set }, { new: true, runValidators: true }).lean<PersonDocument>().exec();
      return doc ? toPerson(doc) : null;
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError(`the name "${set.name}" is taken`);
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.model.deleteOne({ _id: String(id) }).exec();
    return result.deletedCount > 0;
  }
}

function toPerson(doc: PersonDocument): Person {
  return { id: doc._id, name: doc.name, alert: doc.alert === true, createdAt: doc.createdAt, updatedAt: doc.updatedAt };
}
