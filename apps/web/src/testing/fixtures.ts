import { Alert, AlertPage } from '../app/alerts/alert';
import { User } from '../app/auth/user';
import { Camera } from '../app/cameras/camera';
import { Face, Person, UnknownGroup } from '../app/people/people-types';

export function aCamera(overrides: Partial<Camera> = {}): Camera {
  return {
    id: 'c1',
    name: 'Front door',
    location: 'Porch',
    rtspUrl: 'rtsp://user:***@10.0.0.5/stream',
    enabled: true,
    detectionEnabled: true,
    fps: 10,
    status: 'running',
    ownerId: 'u1',
    viewerIds: [],
    zones: [],
    objects: [],
    recording: { mode: 'events', preSeconds: 5, postSeconds: 10 },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** An alert; `meta` overrides replace single keys of the detection facts. */
export function anAlert(overrides: Partial<Omit<Alert, 'meta'>> & { meta?: Partial<Alert['meta']> } = {}): Alert {
  const { meta, ...rest } = overrides;
  return {
    alertId: 'a1',
    cameraId: 'c1',
    timestamp: '2026-03-01T10:00:00.000Z',
    kind: 'face',
    zones: [],
    bbox: { x: 10, y: 20, width: 40, height: 40 },
    snapshotUrl: '/api/snapshots/a1.jpg?u=u1&exp=1&sig=x',
    ...rest,
    meta: { score: 0.91, frameWidth: 640, frameHeight: 360, faces: 1, ...meta },
  };
}

/**
 * A user. `mustChangePassword` is left out unless given, as an API from before it answered it: the
 * console then reminds the first-run admin by itself (PasswordReminder).
 */
export function aUser(overrides: Partial<User> = {}): User {
  return { id: 'u1', username: 'alice', role: 'admin', createdAt: '2026-01-01T00:00:00.000Z', ...overrides } as User;
}

/** One page of a list (`CameraPage`, `AlertPage`) holding `items`. */
export function pageOf<T>(items: T[], total = items.length, page = 1, limit = 100): Omit<AlertPage, 'items'> & { items: T[] } {
  return { items, total, page, limit };
}

export function aPerson(overrides: Partial<Person> = {}): Person {
  return {
    id: 'p1',
    name: 'Alice',
    alert: false,
    faceCount: 2,
    createdAt: '2026-02-01T00:00:00.000Z',
    updatedAt: '2026-02-01T00:00:00.000Z',
    ...overrides,
  };
}

export function aFace(overrides: Partial<Face> = {}): Face {
  return {
    id: 'f1',
    personId: 'p1',
    box: { x: 100, y: 80, width: 120, height: 150 },
    quality: 0.87,
    imageUrl: '/api/faces/f1.jpg?u=u1&exp=1&sig=x',
    createdAt: '2026-02-01T00:00:00.000Z',
    ...overrides,
  };
}

export function anUnknownGroup(overrides: Partial<UnknownGroup> = {}): UnknownGroup {
  return {
    id: 'g1',
    number: 3,
    faceCount: 4,
    firstSeen: '2026-03-01T09:00:00.000Z',
    lastSeen: '2026-03-01T10:00:00.000Z',
    cameraIds: ['c1'],
    sampleUrls: ['/api/unknowns/g1/0.jpg?sig=x', '/api/unknowns/g1/1.jpg?sig=x'],
    ...overrides,
  };
}
