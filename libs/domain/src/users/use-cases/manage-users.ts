import type { CameraRepository } from '../../cameras/camera-repository';
import { canManageUsers, canReadUserDirectory } from '../../cameras/camera-access';
import type { Clock } from '../../shared/clock';
import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors';
import type { IdGenerator } from '../../shared/id-generator';
import { parsePassword, parseRole, parseUsername } from '../credentials';
import type { PasswordHasher } from '../password-hasher';
import { toDirectoryEntry, type Principal, type Role, type User, type UserDirectoryEntry } from '../user';
import type { UserPatch, UserRepository } from '../user-repository';

export interface NewUserInput {
  username: unknown;
  password: unknown;
  role: unknown;
  /** The password was generated or given by someone else: ask the user for a new one. */
  mustChangePassword?: boolean;
}

export interface UserChangesInput {
  password?: unknown;
  role?: unknown;
}

export interface ManageUsersDeps {
  users: UserRepository;
  cameras: CameraRepository;
  hasher: PasswordHasher;
  ids: IdGenerator;
  clock: Clock;
}

/** User administration: admins only, and never leaving Argus without an admin. */
export class ManageUsers {
  constructor(private readonly deps: ManageUsersDeps) {}

  async list(principal: Principal): Promise<User[]> {
    this.requireAdmin(principal);
    return this.deps.users.list();
  }

  /** Users by name, for operators and admins choosing who may view a camera. */
  async directory(principal: Principal): Promise<UserDirectoryEntry[]> {
    if (!canReadUserDirectory(principal)) throw new ForbiddenError('Only operators and admins look up users');
    return (await this.deps.users.list()).map(toDirectoryEntry).sort((a, b) => a.username.localeCompare(b.username));
  }

  /** The caller's own record (`/auth/me`). */
  async get(id: string): Promise<User> {
    return this.requireUser(id);
  }

  async create(principal: Principal, input: NewUserInput): Promise<User> {
    this.requireAdmin(principal);
    return this.createUnchecked(input);
  }

  /** Creates a user without an acting admin (first start-up). */
  async createUnchecked(input: NewUserInput): Promise<User> {
    const username = parseUsername(input.username);
    const password = parsePassword(input.password);
    const role = parseRole(input.role);
    if (await this.deps.users.findByUsername(username)) {
      throw new ConflictError(`username "${username}" is already taken`);
    }
    const now = this.deps.clock.now();
    const user: User = {
      id: this.deps.ids.next(),
      username,
      role,
      passwordHash: await this.deps.hasher.hash(password),
      mustChangePassword: input.mustChangePassword ?? false,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.users.create(user);
    return user;
  }

  async update(principal: Principal, id: string, input: UserChangesInput): Promise<User> {
    this.requireAdmin(principal);
    const user = await this.requireUser(id);
    const patch: UserPatch = { updatedAt: this.deps.clock.now() };
    if (input.password !== undefined) {
      patch.passwordHash = await this.deps.hasher.hash(parsePassword(input.password));
      // A password an admin set for someone else is a temporary one.
      patch.mustChangePassword = id !== principal.userId;
    }
    if (input.role !== undefined) {
      const role = parseRole(input.role);
      if (user.role === 'admin' && role !== 'admin') await this.requireAnotherAdmin(user.id);
      patch.role = role;
    }
    const updated = await this.deps.users.update(id, patch);
    if (!updated) throw new NotFoundError('User not found');
    return updated;
  }

  /**
   * The deleted user's cameras pass to the admin who deletes them, so no camera is orphaned; an
   * admin deleting their own account hands them to the oldest remaining admin instead.
   */
  async delete(principal: Principal, id: string): Promise<void> {
    this.requireAdmin(principal);
    const user = await this.requireUser(id);
    if (user.role === 'admin') await this.requireAnotherAdmin(user.id);
    const heirId = user.id === principal.userId ? await this.requireAnotherAdmin(user.id) : principal.userId;
    const now = this.deps.clock.now();
    for (const camera of await this.deps.cameras.listOwnedBy(user.id)) {
      await this.deps.cameras.update(camera.id, { ownerId: heirId, updatedAt: now });
    }
    await this.deps.cameras.removeViewerEverywhere(user.id);
    await this.deps.users.delete(user.id);
  }

  /** Changing one's own password is allowed for every role. */
  async changeOwnPassword(principal: Principal, password: unknown): Promise<User> {
    const updated = await this.deps.users.update(principal.userId, {
      passwordHash: await this.deps.hasher.hash(parsePassword(password)),
      mustChangePassword: false,
      updatedAt: this.deps.clock.now(),
    });
    if (!updated) throw new NotFoundError('User not found');
    return updated;
  }

  private requireAdmin(principal: Principal): void {
    if (!canManageUsers(principal)) throw new ForbiddenError('Only admins manage users');
  }

  private async requireUser(id: string): Promise<User> {
    const user = await this.deps.users.findById(id);
    if (!user) throw new NotFoundError('User not found');
    return user;
  }

  /** Returns the id of the oldest admin other than `exceptId`. */
  private async requireAnotherAdmin(exceptId: string): Promise<string> {
    const admins = (await this.deps.users.list()).filter((u) => u.role === ('admin' as Role) && u.id !== exceptId);
    if (admins.length === 0) throw new ConflictError('Argus needs at least one admin');
    return admins[0].id;
  }
}
