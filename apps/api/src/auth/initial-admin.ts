import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ConflictError, ManageUsers, type UserRepository } from '@argus/domain';
import { ARGUS_CONFIG, type ArgusConfig } from '@argus/config';
import { USER_REPOSITORY } from '../persistence/tokens';

/**
 * The first admin, created only when no user exists: ADMIN_USERNAME / ADMIN_PASSWORD, or a random
 * password printed once on the console (never written to the log).
 */
@Injectable()
export class InitialAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Setup');

  constructor(
    @Inject(ARGUS_CONFIG) private readonly config: ArgusConfig,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    private readonly manage: ManageUsers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    try {
      await this.manage.createUnchecked({
        username: this.config.adminUsername,
        password,
        role: 'admin',
        mustChangePassword: this.config.adminPassword === null,
      });
    } catch (error) {
      // Several nodes of a cluster starting together on a new database: another one created it.
      if (error instanceof ConflictError && (await this.users.count()) > 0) return;
      throw error;
    }
    if (this.config.adminPassword) {
      this.logger.log(`Created the first admin "${this.config.adminUsername}" with the password from ADMIN_PASSWORD`);
    } else {
      process.stdout.write(
        `\n  First admin created: username "${this.config.adminUsername}", password ${password}\n` +
          `  (shown only this once; sign in and change it)\n\n`,
      );
    }
  }
}
