import { ConflictError, isRole, type User, type UserPatch, type UserRepository } from '@argus/domain';
import type { Model } from 'mongoose';
import { usernameKey } from '../username-key';
import { isDuplicateKeyError } from './mongo-errors';
import type { UserDocument } from './schemas';

export class MongoUserRepository implements UserRepository {
  constructor(private readonly model: Model<UserDocument>) {}

  async create(user: User): Promise<void> {
    try {
      await this.model.create({
        _id: String(user.id),
        username: String(user.username),
        usernameKey: usernameKey(user.username),
        role: String(user.role),
        passwordHash: String(user.passwordHash),
        mustChangePassword: user.mustChangePassword === true,
        createdAt: new Date(user.createdAt.getTime()),
        updatedAt: new Date(user.updatedAt.getTime()),
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError(`username "${user.username}" is taken`);
      throw error;
    }
  }

  async findById(id: string): Promise<User | null> {
    const doc = await this.model.findOne({ _id: String(id) }).lean<UserDocument>().exec();
    return doc ? toUser(doc) : null;
  }

  async findByUsername(username: string): Promise<User | null> {
    const doc = await this.model.findOne({ usernameKey: usernameKey(username) }).lean<UserDocument>().exec();
    return doc ? toUser(doc) : null;
  }

  async list(): Promise<User[]> {
    const docs = await this.model.find({}).sort({ createdAt: 1, _id: 1 }).lean<UserDocument[]>().exec();
    return docs.map(toUser);
  }

  async count(): Promise<number> {
    return this.model.countDocuments({}).exec();
  }

  async update(id: string, patch: UserPatch): Promise<User | null> {
    const set: Partial<UserDocument> = {};
    if (patch.role !== undefined) set.role = String(patch.role);
    if (patch.passwordHash !== undefined) set.passwordHash = String(patch.passwordHash);
    if (patch.mustChangePassword !== undefined) set.mustChangePassword = patch.mustChangePassword === true;
    if (patch.updatedAt !== undefined) set.updatedAt = new Date(patch.updatedAt.getTime());
    if (Object.keys(set).length === 0) return this.findById(id);
    const doc = await this.model
      .findOneAndUpdate({ _id: String(id) }, { $set: set }, { new: true, runValidators: true })
      .lean<UserDocument>()
      .exec();
    return doc ? toUser(doc) : null;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.model.deleteOne({ _id: String(id) }).exec();
    return result.deletedCount > 0;
  }
}

function toUser(doc: UserDocument): User {
  if (!isRole(doc.role)) throw new Error(`user ${doc._id} has an unknown role`);
  return {
    id: doc._id,
    username: doc.username,
    role: doc.role,
    passwordHash: doc.passwordHash,
    mustChangePassword: doc.mustChangePassword === true,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
