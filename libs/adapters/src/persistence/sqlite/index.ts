import { SqliteAlertRepository } from './sqlite-alert-repository';
import { SqliteCameraRepository } from './sqlite-camera-repository';
import type { SqliteDatabase } from './sqlite-database';
import { SqliteUserRepository } from './sqlite-user-repository';

export * from './sqlite-database';
export * from './migrations';
export { SqliteUserRepository } from './sqlite-user-repository';
export { SqliteCameraRepository } from './sqlite-camera-repository';
export { SqliteAlertRepository } from './sqlite-alert-repository';

export interface SqliteRepositories {
  users: SqliteUserRepository;
  cameras: SqliteCameraRepository;
  alerts: SqliteAlertRepository;
}

export function createSqliteRepositories(db: SqliteDatabase): SqliteRepositories {
  return { users: new SqliteUserRepository(db), cameras: new SqliteCameraRepository(db), alerts: new SqliteAlertRepository(db) };
}
