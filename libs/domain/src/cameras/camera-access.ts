import type { Principal } from '../users/user';
import type { Camera } from './camera';

/**
 * Who may do what with a camera. An admin sees and manages everything; an operator creates cameras
 * (becoming their owner) and manages their own; a viewer only sees cameras whose viewers list names
 * them. Being on a viewers list grants viewing, never changing.
 */
export function canViewCamera(principal: Principal, camera: Pick<Camera, 'ownerId' | 'viewerIds'>): boolean {
  return (
    principal.role === 'admin' || camera.ownerId === principal.userId || camera.viewerIds.includes(principal.userId)
  );
}

export function canManageCamera(principal: Principal, camera: Pick<Camera, 'ownerId'>): boolean {
  if (principal.role === 'admin') return true;
  return principal.role === 'operator' && camera.ownerId === principal.userId;
}

export function canCreateCamera(principal: Principal): boolean {
  return principal.role === 'admin' || principal.role === 'operator';
}

/** Changing who may view a camera belongs to its owner and to admins. */
export function canSetCameraViewers(principal: Principal, camera: Pick<Camera, 'ownerId'>): boolean {
  return canManageCamera(principal, camera);
}

export function canManageUsers(principal: Principal): boolean {
  return principal.role === 'admin';
}

/** Who may look up users by name to share cameras with: those who may own cameras (operators, admins). */
export function canReadUserDirectory(principal: Principal): boolean {
  return canCreateCamera(principal);
}

/** Who receives realtime events about a camera: its owner, its viewers and every admin. */
export interface CameraAudience {
  cameraId: string;
  userIds: string[];
  includeAdmins: true;
}

export function cameraAudience(camera: Pick<Camera, 'id' | 'ownerId' | 'viewerIds'>): CameraAudience {
  return { cameraId: camera.id, userIds: [...new Set([camera.ownerId, ...camera.viewerIds])], includeAdmins: true };
}
