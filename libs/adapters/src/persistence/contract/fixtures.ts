import type { Alert, Camera, User } from '@argus/domain';

/** Builders for the contract suites: valid entities with distinct ids and increasing dates. */
let sequence = 0;
const BASE_TIME = Date.UTC(2026, 0, 1);

function next(): number {
  return ++sequence;
}

export function aUser(overrides: Partial<User> = {}): User {
  const n = next();
  const at = new Date(BASE_TIME + n * 1000);
  return { id: `user-${n}`, username: `user${n}`, role: 'operator', passwordHash: `scrypt$hash-${n}`, mustChangePassword: false, createdAt: at, updatedAt: at, ...overrides };
}

export function aCamera(overrides: Partial<Camera> = {}): Camera {
  const n = next();
  const at = new Date(BASE_TIME + n * 1000);
  return {
    id: `camera-${n}`,
    name: `Camera ${n}`,
    location: `Room ${n}`,
    rtspUrl: `rtsp://user:secret@10.0.0.${n % 250}/stream`,
    enabled: true,
    detectionEnabled: true,
    fps: 10,
    status: 'stopped',
    lastError: null,
    ownerId: 'owner-1',
    viewerIds: [],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function anAlert(overrides: Partial<Alert> = {}): Alert {
  const n = next();
  return {
    alertId: `alert-${String(n).padStart(6, '0')}`,
    cameraId: 'camera-a',
    timestamp: new Date(BASE_TIME + n * 1000),
    bbox: { x: 10.5, y: 20, width: 64, height: 80.25 },
    snapshotUrl: null,
    snapshotKey: `snapshots/${n}.jpg`,
    meta: { score: 0.93, frameWidth: 1280, frameHeight: 720, faces: 1 },
    createdAt: new Date(BASE_TIME + n * 1000 + 5),
    ...overrides,
  };
}

/** Ids that would mean something to a query language if they were ever interpreted. */
export const OPERATOR_LIKE_IDS = ['$gt', '$ne', '{"$gt":""}', 'a.b', '.*', "' OR '1'='1", ''];

/**
 * An operator object where a string belongs, as a caller that skipped validation could pass it:
 * adapters must treat it as a plain (non-matching) string, never as a query.
 */
export const SMUGGLED_OPERATOR = { $gt: '' } as unknown as string;

/** Gives each contract suite a fresh, empty repository per test. */
export type RepositoryFactory<R> = () => Promise<R>;
