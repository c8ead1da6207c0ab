import type { Alert, Camera, Face, Person, UnknownFace, UnknownGroup, User } from '@argus/domain';

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
    zones: [],
    objects: [],
    recording: { mode: 'events', preSeconds: 5, postSeconds: 10 },
    detectRtspUrl: null,
    workerLabel: null,
    node: null,
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
    kind: 'face',
    zones: [],
    ...overrides,
  };
}

export function aPerson(overrides: Partial<Person> = {}): Person {
  const n = next();
  const at = new Date(BASE_TIME + n * 1000);
  return { id: `person-${n}`, name: `Person ${n}`, alert: false, createdAt: at, updatedAt: at, ...overrides };
}

/** A vector whose values float32 holds exactly, so it reads back equal. */
export function aVector(seed: number, length = 8): number[] {
  return Array.from({ length }, (_, i) => ((seed * 7 + i * 3) % 17) / 16 - 0.5);
}

export function aFace(overrides: Partial<Face> = {}): Face {
  const n = next();
  return {
    id: `face-${n}`,
    personId: 'person-a',
    box: { x: 12.5, y: 30, width: 96, height: 120.75 },
    quality: 0.875,
    imageKey: `faces/${n}.jpg`,
    embeddings: [{ model: 'arcface@1', vector: aVector(n) }],
    sourceAlertId: null,
    createdAt: new Date(BASE_TIME + n * 1000),
    ...overrides,
  };
}

export function anUnknownGroup(overrides: Partial<Omit<UnknownGroup, 'number'>> = {}): Omit<UnknownGroup, 'number'> {
  const n = next();
  const at = new Date(BASE_TIME + n * 1000);
  return { id: `unknown-${n}`, faceCount: 0, firstSeen: at, lastSeen: at, cameraIds: [], ...overrides };
}

export function anUnknownFace(overrides: Partial<UnknownFace> = {}): UnknownFace {
  const n = next();
  return {
    id: `unknown-face-${n}`,
    groupId: 'unknown-a',
    cameraId: 'camera-a',
    alertId: `alert-${n}`,
    imageKey: `unknowns/${n}.jpg`,
    embedding: { model: 'arcface@1', vector: aVector(n) },
    quality: 0.625,
    seenAt: new Date(BASE_TIME + n * 1000),
    ...overrides,
  };
}

/** Ids that would mean something to a query language if they were ever interpreted. */
export const OPERATOR_LIKE_IDS = ['$gt', '$ne', '{"$gt":""}', 'a.b', '.*', "' OR '1'='1", ''];

/** Search texts that would match more than themselves if read as a pattern or a LIKE. */
export const PATTERN_LIKE_TEXTS = ['%', '_', '.*', '.', '[a-z]', '\\', '^', '$', '(', "'", '" OR 1=1 --', '%_%'];

/**
 * An operator object where a string belongs, as a caller that skipped validation could pass it:
 * adapters must treat it as a plain (non-matching) string, never as a query.
 */
export const SMUGGLED_OPERATOR = { $gt: '' } as unknown as string;

/** Gives each contract suite a fresh, empty repository per test. */
export type RepositoryFactory<R> = () => Promise<R>;
