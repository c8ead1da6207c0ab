import { ConflictError, type UserRepository } from '@argus/domain';
import { OPERATOR_LIKE_IDS, SMUGGLED_OPERATOR, aUser, type RepositoryFactory } from './fixtures';

/** The behaviour every UserRepository adapter must show. */
export function describeUserRepositoryContract(adapter: string, factory: RepositoryFactory<UserRepository>): void {
  describe(`UserRepository contract: ${adapter}`, () => {
    let users: UserRepository;
    beforeEach(async () => {
      users = await factory();
    });

    it('returns a created user by id with every field intact', async () => {
      const user = aUser({ username: 'Alice', role: 'admin' });
      await users.create(user);
      expect(await users.findById(user.id)).toEqual(user);
    });

    it('answers null for an unknown id, including ids that look like operators or paths', async () => {
      await users.create(aUser());
      for (const id of ['missing', ...OPERATOR_LIKE_IDS]) expect(await users.findById(id)).toBeNull();
    });

    it('never reads an operator object given in place of a string as a query', async () => {
      await users.create(aUser());
      expect(await users.findById(SMUGGLED_OPERATOR)).toBeNull();
      expect(await users.findByUsername(SMUGGLED_OPERATOR)).toBeNull();
      expect(await users.update(SMUGGLED_OPERATOR, { role: 'admin' })).toBeNull();
      expect(await users.delete(SMUGGLED_OPERATOR)).toBe(false);
      expect(await users.count()).toBe(1);
    });

    it('finds a user by username whatever its case', async () => {
      const user = aUser({ username: 'Alice' });
      await users.create(user);
      expect(await users.findByUsername('alice')).toEqual(user);
      expect(await users.findByUsername('ALICE')).toEqual(user);
      expect(await users.findByUsername('Alice ')).toBeNull();
      expect(await users.findByUsername('$ne')).toBeNull();
    });

    it('refuses a username taken in another case with ConflictError and keeps the first user', async () => {
      const first = aUser({ username: 'Alice' });
      await users.create(first);
      await expect(users.create(aUser({ username: 'aLiCe' }))).rejects.toBeInstanceOf(ConflictError);
      expect(await users.count()).toBe(1);
      expect(await users.findByUsername('alice')).toEqual(first);
    });

    it('folds case beyond ASCII', async () => {
      await users.create(aUser({ username: 'Émile' }));
      await expect(users.create(aUser({ username: 'émile' }))).rejects.toBeInstanceOf(ConflictError);
      expect((await users.findByUsername('ÉMILE'))?.username).toBe('Émile');
    });

    it('lists all users oldest first, ties broken by id', async () => {
      const at = new Date('2026-02-01T00:00:00Z');
      const late = aUser({ id: 'u-late', createdAt: new Date(at.getTime() + 1) });
      const tieB = aUser({ id: 'u-b', createdAt: at });
      const tieA = aUser({ id: 'u-a', createdAt: at });
      for (const user of [late, tieB, tieA]) await users.create(user);
      expect((await users.list()).map((u) => u.id)).toEqual(['u-a', 'u-b', 'u-late']);
      expect(await users.count()).toBe(3);
    });

    it('updates only the patched fields and returns the result', async () => {
      const user = aUser({ role: 'viewer' });
      await users.create(user);
      const updatedAt = new Date(user.updatedAt.getTime() + 60_000);
      const updated = await users.update(user.id, { role: 'admin', updatedAt });
      expect(updated).toEqual({ ...user, role: 'admin', updatedAt });
      expect(await users.findById(user.id)).toEqual(updated);
      const rehashed = await users.update(user.id, { passwordHash: 'scrypt$new' });
      expect(rehashed).toEqual({ ...user, role: 'admin', updatedAt, passwordHash: 'scrypt$new' });
      const flagged = await users.update(user.id, { mustChangePassword: true });
      expect(flagged).toEqual({ ...rehashed, mustChangePassword: true });
      expect(await users.findById(user.id)).toEqual(flagged);
    });

    it('answers null when updating an unknown user and creates nothing', async () => {
      expect(await users.update('missing', { role: 'admin' })).toBeNull();
      expect(await users.update('$gt', { role: 'admin' })).toBeNull();
      expect(await users.count()).toBe(0);
    });

    it('deletes a user once', async () => {
      const keep = aUser();
      const gone = aUser();
      await users.create(keep);
      await users.create(gone);
      expect(await users.delete(gone.id)).toBe(true);
      expect(await users.delete(gone.id)).toBe(false);
      expect(await users.findById(gone.id)).toBeNull();
      expect(await users.list()).toEqual([keep]);
    });

    it('frees the username of a deleted user', async () => {
      const user = aUser({ username: 'bob' });
      await users.create(user);
      await users.delete(user.id);
      await expect(users.create(aUser({ username: 'Bob' }))).resolves.toBeUndefined();
    });
  });
}
