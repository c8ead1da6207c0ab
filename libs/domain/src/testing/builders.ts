// Test data for the domain's unit tests: a valid value with every field set, changed only where a test cares.
import type { Camera } from '../cameras/camera';
import type { Principal, Role, User } from '../users/user';

/** createdAt/updatedAt of what the builders make, unless overridden. */
export const BUILT_AT = new Date('2026-01-01T00:00:00Z');

/** A stopped, enabled camera `c1` owned by `u-owner` and viewable by `u-viewer`. */
export function aCamera(overrides: Partial<Camera> = {}): Camera {
  return {
    id: 'c1',
    name: 'Gate',
    location: '',
    rtspUrl: 'rtsp://h/x',
    enabled: true,
    detectionEnabled: true,
    fps: 10,
    status: 'stopped',
    lastError: null,
    ownerId: 'u-owner',
    viewerIds: ['u-viewer'],
    zones: [],
    createdAt: BUILT_AT,
    updatedAt: BUILT_AT,
    ...overrides,
  };
}

/** A caller of the given role; the username is the id without its `u-` prefix. */
export function aPrincipal(role: Role, userId: string): Principal {
  return { userId, username: userId.replace(/^u-/, ''), role };
}

export const anAdmin = (userId = 'u-admin'): Principal => aPrincipal('admin', userId);
/** An operator; by default the owner of {@link aCamera}. */
export const anOperator = (userId = 'u-owner'): Principal => aPrincipal('operator', userId);
/** A viewer; by default the one listed on {@link aCamera}. */
export const aViewer = (userId = 'u-viewer'): Principal => aPrincipal('viewer', userId);

/** A stored user (an operator `u-1` unless overridden); its password hash is a placeholder. */
export function aUser(overrides: Partial<User> = {}): User {
  const id = overrides.id ?? 'u-1';
  return { id, username: id, role: 'operator', passwordHash: 'x', createdAt: BUILT_AT, updatedAt: BUILT_AT, ...overrides };
}
