import type { Connection, Model, Schema } from 'mongoose';
import { MongoAlertRepository } from './mongo-alert-repository';
import { MongoCameraRepository } from './mongo-camera-repository';
import { MongoFaceRepository } from './mongo-face-repository';
import { MongoPersonRepository } from './mongo-person-repository';
import { MongoUnknownGroupRepository } from './mongo-unknown-group-repository';
import { MongoUserRepository } from './mongo-user-repository';
import { MongoPushSubscriptionRepository } from './mongo-push-subscription-repository';
import { MongoWebhookDeliveryRepository } from './mongo-webhook-delivery-repository';
import { MongoWebhookRepository } from './mongo-webhook-repository';
import {
  PUSH_SUBSCRIPTION_MODEL,
  PushSubscriptionSchema,
  WEBHOOK_ATTEMPT_MODEL,
  WEBHOOK_JOB_MODEL,
  WEBHOOK_MODEL,
  WebhookAttemptSchema,
  WebhookJobSchema,
  WebhookSchema,
  type PushSubscriptionDocument,
  type WebhookAttemptDocument,
  type WebhookDocument,
  type WebhookJobDocument,
} from './notification-schemas';
import {
  COUNTER_MODEL,
  CounterSchema,
  FACE_MODEL,
  FACE_NEGATIVE_MODEL,
  FaceNegativeSchema,
  FaceSchema,
  PERSON_MODEL,
  PersonSchema,
  UNKNOWN_FACE_MODEL,
  UNKNOWN_GROUP_MODEL,
  UnknownFaceSchema,
  UnknownGroupSchema,
  type CounterDocument,
  type FaceDocument,
  type FaceNegativeDocument,
  type PersonDocument,
  type UnknownFaceDocument,
  type UnknownGroupDocument,
} from './people-schemas';
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
export * from './people-schemas';
export * from './notification-schemas';
export { MongoWebhookRepository } from './mongo-webhook-repository';
export { MongoWebhookDeliveryRepository } from './mongo-webhook-delivery-repository';
export { MongoPushSubscriptionRepository } from './mongo-push-subscription-repository';
export { isDuplicateKeyError } from './mongo-errors';
export { MongoUserRepository } from './mongo-user-repository';
export { MongoCameraRepository } from './mongo-camera-repository';
export { MongoAlertRepository } from './mongo-alert-repository';
export { MongoPersonRepository } from './mongo-person-repository';
export { MongoFaceRepository } from './mongo-face-repository';
export { MongoUnknownGroupRepository } from './mongo-unknown-group-repository';

/** For `MongooseModule.forFeature(...)`: the same names and schemas the repositories use. */
export const MONGO_MODEL_DEFINITIONS = [
  { name: USER_MODEL, schema: UserSchema },
  { name: CAMERA_MODEL, schema: CameraSchema },
  { name: ALERT_MODEL, schema: AlertSchema },
  { name: PERSON_MODEL, schema: PersonSchema },
  { name: FACE_MODEL, schema: FaceSchema },
  { name: FACE_NEGATIVE_MODEL, schema: FaceNegativeSchema },
  { name: UNKNOWN_GROUP_MODEL, schema: UnknownGroupSchema },
  { name: UNKNOWN_FACE_MODEL, schema: UnknownFaceSchema },
  { name: COUNTER_MODEL, schema: CounterSchema },
  { name: WEBHOOK_MODEL, schema: WebhookSchema },
  { name: WEBHOOK_JOB_MODEL, schema: WebhookJobSchema },
  { name: WEBHOOK_ATTEMPT_MODEL, schema: WebhookAttemptSchema },
  { name: PUSH_SUBSCRIPTION_MODEL, schema: PushSubscriptionSchema },
];

export interface MongoRepositories {
  users: MongoUserRepository;
  cameras: MongoCameraRepository;
  alerts: MongoAlertRepository;
  persons: MongoPersonRepository;
  faces: MongoFaceRepository;
  unknownGroups: MongoUnknownGroupRepository;
  webhooks: MongoWebhookRepository;
  webhookDeliveries: MongoWebhookDeliveryRepository;
  pushSubscriptions: MongoPushSubscriptionRepository;
}

export interface MongoModels {
  users: Model<UserDocument>;
  cameras: Model<CameraDocument>;
  alerts: Model<AlertDocument>;
  persons: Model<PersonDocument>;
  faces: Model<FaceDocument>;
  faceNegatives: Model<FaceNegativeDocument>;
  unknownGroups: Model<UnknownGroupDocument>;
  unknownFaces: Model<UnknownFaceDocument>;
  counters: Model<CounterDocument>;
  webhooks: Model<WebhookDocument>;
  webhookJobs: Model<WebhookJobDocument>;
  webhookAttempts: Model<WebhookAttemptDocument>;
  pushSubscriptions: Model<PushSubscriptionDocument>;
}

/** The models on this connection, reusing ones already registered (e.g. by `forFeature`). */
export function mongoModels(connection: Connection): MongoModels {
  return {
    users: modelOn<UserDocument>(connection, USER_MODEL, UserSchema as Schema),
    cameras: modelOn<CameraDocument>(connection, CAMERA_MODEL, CameraSchema as Schema),
    alerts: modelOn<AlertDocument>(connection, ALERT_MODEL, AlertSchema as Schema),
    persons: modelOn<PersonDocument>(connection, PERSON_MODEL, PersonSchema as Schema),
    faces: modelOn<FaceDocument>(connection, FACE_MODEL, FaceSchema as Schema),
    faceNegatives: modelOn<FaceNegativeDocument>(connection, FACE_NEGATIVE_MODEL, FaceNegativeSchema as Schema),
    unknownGroups: modelOn<UnknownGroupDocument>(connection, UNKNOWN_GROUP_MODEL, UnknownGroupSchema as Schema),
    unknownFaces: modelOn<UnknownFaceDocument>(connection, UNKNOWN_FACE_MODEL, UnknownFaceSchema as Schema),
    counters: modelOn<CounterDocument>(connection, COUNTER_MODEL, CounterSchema as Schema),
    webhooks: modelOn<WebhookDocument>(connection, WEBHOOK_MODEL, WebhookSchema as Schema),
    webhookJobs: modelOn<WebhookJobDocument>(connection, WEBHOOK_JOB_MODEL, WebhookJobSchema as Schema),
    webhookAttempts: modelOn<WebhookAttemptDocument>(connection, WEBHOOK_ATTEMPT_MODEL, WebhookAttemptSchema as Schema),
    pushSubscriptions: modelOn<PushSubscriptionDocument>(connection, PUSH_SUBSCRIPTION_MODEL, PushSubscriptionSchema as Schema),
  };
}

export function createMongoRepositories(connection: Connection): MongoRepositories {
  const models = mongoModels(connection);
  return {
    users: new MongoUserRepository(models.users),
    cameras: new MongoCameraRepository(models.cameras),
    alerts: new MongoAlertRepository(models.alerts),
    persons: new MongoPersonRepository(models.persons),
    faces: new MongoFaceRepository(models.faces, models.faceNegatives),
    unknownGroups: new MongoUnknownGroupRepository({ groups: models.unknownGroups, faces: models.unknownFaces, counters: models.counters }),
    webhooks: new MongoWebhookRepository(models.webhooks),
    webhookDeliveries: new MongoWebhookDeliveryRepository(models.webhookJobs, models.webhookAttempts),
    pushSubscriptions: new MongoPushSubscriptionRepository(models.pushSubscriptions),
  };
}

/**
 * Builds every index the repositories rely on (unique usernames and person names among them) and
 * waits for it. Call once at start-up before serving; the schemas disable mongoose's background
 * autoIndex. Existing indexes are kept (createIndexes is idempotent and never drops anything).
 */
export async function ensureMongoIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(mongoModels(connection)) as Array<Model<unknown>>) await model.createIndexes();
}

function modelOn<T>(connection: Connection, name: string, schema: Schema): Model<T> {
  // The schema's inferred generics differ from Model<T>'s; the document shape is the same.
  return (connection.models[name] ?? connection.model(name, schema)) as unknown as Model<T>;
}
