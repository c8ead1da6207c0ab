import { UnauthorizedError } from '../../shared/errors';
import { aUser, InMemoryUsers, PlainTestHasher } from '../../testing';
import type { PasswordHasher } from '../password-hasher';
import { AuthenticateUser } from './authenticate-user';

async function setup(hasher: PasswordHasher = new PlainTestHasher()) {
  const users = new InMemoryUsers();
  await users.create(aUser({ id: 'u1', username: 'Alice', passwordHash: 'test$correct horse' }));
  return new AuthenticateUser({ users, hasher });
}

const INVALID = new UnauthorizedError('Invalid username or password');

describe('AuthenticateUser', () => {
  it('returns the user for the right password, username in any case', async () => {
    const auth = await setup();
    expect((await auth.execute('Alice', 'correct horse')).id).toBe('u1');
    expect((await auth.execute('alice', 'correct horse')).id).toBe('u1');
  });

  it('gives the same error for an unknown user and a wrong password', async () => {
    const auth = await setup();
    const wrongPassword = await auth.execute('alice', 'wrong').catch((e: unknown) => e);
    const unknownUser = await auth.execute('bob', 'correct horse').catch((e: unknown) => e);
    expect(wrongPassword).toEqual(INVALID);
    expect(unknownUser).toEqual(INVALID);
    expect(wrongPassword).toBeInstanceOf(UnauthorizedError);
    expect(unknownUser).toBeInstanceOf(UnauthorizedError);
    await expect(auth.execute('alice', '')).rejects.toThrow(INVALID);
  });

  it('still runs the hasher for an unknown user', async () => {
    const calls: string[] = [];
    const hasher: PasswordHasher = {
      hash: async (p) => p,
      verify: async (plain, hash) => {
        calls.push(`${plain}|${hash.slice(0, 7)}`);
        return false;
      },
    };
    const auth = await setup(hasher);
    await expect(auth.execute('nobody', 'guess')).rejects.toThrow(INVALID);
    expect(calls).toEqual(['guess|scrypt$']);
  });

  it('treats a hasher failure (malformed stored hash) as a wrong password', async () => {
    const hasher: PasswordHasher = {
      hash: async (p) => p,
      verify: async () => {
        throw new Error('malformed hash');
      },
    };
    const auth = await setup(hasher);
    await expect(auth.execute('alice', 'correct horse')).rejects.toThrow(INVALID);
  });
});
