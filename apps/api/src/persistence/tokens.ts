export const USER_REPOSITORY = Symbol('UserRepository');
export const CAMERA_REPOSITORY = Symbol('CameraRepository');
export const ALERT_REPOSITORY = Symbol('AlertRepository');
export const PERSON_REPOSITORY = Symbol('PersonRepository');
export const FACE_REPOSITORY = Symbol('FaceRepository');
export const UNKNOWN_GROUP_REPOSITORY = Symbol('UnknownGroupRepository');
/** Something that answers whether the database is reachable (health/readiness). */
export const DATABASE_PROBE = Symbol('DatabaseProbe');

export interface DatabaseProbe {
  kind: 'sqlite' | 'mongodb';
  /** Where the database is (`mongo:27017`), for the health report. */
  target?: string;
  ping(): Promise<boolean>;
}
