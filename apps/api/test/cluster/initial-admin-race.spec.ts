import { ConflictError, type ManageUsers, type UserRepository } from '@argus/domain';
import { loadConfig } from '@argus/config';
import { InitialAdmin } from '../../src/auth/initial-admin';

// Nodes of a cluster starting together on a new database all see no user and create the first
// admin: the one that loses the race goes on, since an admin exists.
describe('the first admin, with several nodes starting at once', () => {
  const config = loadConfig({ ADMIN_PASSWORD: 'first-admin-password' });

  it('goes on when another node created it first', async () => {
    const counts = [0, 1];
    const users = { count: async () => counts.shift() ?? 1 } as unknown as UserRepository;
    const manage = {
      createUnchecked: async () => {
        throw new ConflictError('username "admin" is taken');
      },
    } as unknown as ManageUsers;
    await expect(new InitialAdmin(config, users, manage).onApplicationBootstrap()).resolves.toBeUndefined();
  });

  it('still fails when the name is taken and there is no user (something else is wrong)', async () => {
    const users = { count: async () => 0 } as unknown as UserRepository;
    const manage = {
      createUnchecked: async () => {
        throw new ConflictError('username "admin" is taken');
      },
    } as unknown as ManageUsers;
    await expect(new InitialAdmin(config, users, manage).onApplicationBootstrap()).rejects.toBeInstanceOf(ConflictError);
  });
});
