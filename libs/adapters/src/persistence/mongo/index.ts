import type { Connection, Model, Schema } from 'mongoose';
import { MongoAlertRepository } from './mongo-alert-repository';
import { MongoCameraRepository } from './mongo-camera-repository';
import { MongoUserRepository } from './mongo-user-repository';
import {
  ALERT_MODEL,
  AlertSchema,
  CAMERA_MODEL,
  CameraSchema,
  USER_MODEL,
  UserSchema,
  type AlertDocument,
  type CameraDocument,
  type UserDocument,
} from './schemas';

export * from './schemas';
export { isDuplicateKeyError } from './mongo-errors';
export { MongoUserRepository } from './mongo-user-repository';
export { MongoCameraRepository } from './mongo-camera-repository';
export { MongoAlertRepository } from './mongo-alert-repository';

/** For `MongooseModule.forFeature(...)`: the same names and schemas the repositories use. */
export const MONGO_MODEL_DEFINITIONS = [
  { name: USER_MODEL, schema: UserSchema },
  { name: CAMERA_MODEL, schema: CameraSchema },
  { name: ALERT_MODEL, schema: AlertSchema },
];

export interface MongoRepositories {
  users: MongoUserRepository;
  cameras: MongoCameraRepository;
  alerts: MongoAlertRepository;
}

/** The models on this connection, reusing ones already registered (e.g. by `forFeature`). */
export function mongoModels(connection: Connection): {
  users: Model<UserDocument>;
  cameras: Model<CameraDocument>;
  alerts: Model<AlertDocument>;
} {
  return {
    users: modelOn<UserDocument>(connection, USER_MODEL, UserSchema as Schema),
    cameras: modelOn<CameraDocument>(connection, CAMERA_MODEL, CameraSchema as Schema),
    alerts: modelOn<AlertDocument>(connection, ALERT_MODEL, AlertSchema as Schema),
  };
}

export function createMongoRepositories(connection: Connection): MongoRepositories {
  const models = mongoModels(connection);
  return {
    users: new MongoUserRepository(models.users),
    cameras: new MongoCameraRepository(models.cameras),
    alerts: new MongoAlertRepository(models.alerts),
  };
}

/**
 * Builds every index the repositories rely on (unique usernames among them) and waits for it.
 * Call once at start-up before serving; the schemas disable mongoose's background autoIndex.
 * Existing indexes are kept (createIndexes is idempotent and never drops anything).
 */
export async function ensureMongoIndexes(connection: Connection): Promise<void> {
  const models = mongoModels(connection);
  await models.users.createIndexes();
  await models.cameras.createIndexes();
  await models.alerts.createIndexes();
}

function modelOn<T>(connection: Connection, name: string, schema: Schema): Model<T> {
  // The schema's inferred generics differ from Model<T>'s; the document shape is the same.
  return (connection.models[name] ?? connection.model(name, schema)) as unknown as Model<T>;
}
