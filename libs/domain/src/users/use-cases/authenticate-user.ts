import { UnauthorizedError } from '../../shared/errors';
import type { PasswordHasher } from '../password-hasher';
import type { User } from '../user';
import type { UserRepository } from '../user-repository';

export interface AuthenticateUserDeps {
  users: UserRepository;
  hasher: PasswordHasher;
}

/** Checks a username and password; the same error for an unknown user and a wrong password. */
export class AuthenticateUser {
  constructor(private readonly deps: AuthenticateUserDeps) {}

  async execute(username: string, password: string): Promise<User> {
    const user = await this.deps.users.findByUsername(username);
    // Verify against something even when the user is unknown, so timing does not tell which it was.
    const hash = user?.passwordHash ?? UNKNOWN_USER_HASH;
    const ok = await this.deps.hasher.verify(password, hash).catch(() => false);
    if (!user || !ok) {
      throw new UnauthorizedError('Invalid username or password');
    }
    return user;
  }
}

const UNKNOWN_USER_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';
