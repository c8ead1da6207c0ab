import type { Principal } from '../users/user';
import {
  cameraAudience,
  canCreateCamera,
  canManageCamera,
  canManageUsers,
  canReadUserDirectory,
  canSetCameraViewers,
  canViewCamera,
} from './camera-access';

const camera = { id: 'cam-1', ownerId: 'op-owner', viewerIds: ['viewer-listed', 'op-listed'] };

const principals: Record<string, Principal> = {
  admin: { userId: 'admin-1', username: 'root', role: 'admin' },
  'owner operator': { userId: 'op-owner', username: 'owner', role: 'operator' },
  'other operator': { userId: 'op-other', username: 'other', role: 'operator' },
  'listed operator': { userId: 'op-listed', username: 'listedop', role: 'operator' },
  'listed viewer': { userId: 'viewer-listed', username: 'listed', role: 'viewer' },
  'unlisted viewer': { userId: 'viewer-unlisted', username: 'unlisted', role: 'viewer' },
  // An operator demoted to viewer still owns the cameras they created but may no longer change them.
  'owner demoted to viewer': { userId: 'op-owner', username: 'owner', role: 'viewer' },
};

describe('camera access rules', () => {
  it.each([
    // who,                      view,  manage, set viewers, create, manage users, user directory
    ['admin', true, true, true, true, true, true],
    ['owner operator', true, true, true, true, false, true],
    ['other operator', false, false, false, true, false, true],
    ['listed operator', true, false, false, true, false, true],
    ['listed viewer', true, false, false, false, false, false],
    ['unlisted viewer', false, false, false, false, false, false],
    ['owner demoted to viewer', true, false, false, false, false, false],
  ])('%s: view=%s manage=%s setViewers=%s create=%s manageUsers=%s directory=%s', (who, view, manage, setViewers, create, manageUsers, directory) => {
    const p = principals[who];
    expect({
      view: canViewCamera(p, camera),
      manage: canManageCamera(p, camera),
      setViewers: canSetCameraViewers(p, camera),
      create: canCreateCamera(p),
      manageUsers: canManageUsers(p),
      directory: canReadUserDirectory(p),
    }).toEqual({ view, manage, setViewers, create, manageUsers, directory });
  });

  it('an admin sees a camera nobody else is linked to', () => {
    const orphan = { id: 'c', ownerId: 'gone', viewerIds: [] };
    expect(canViewCamera(principals['admin'], orphan)).toBe(true);
    expect(canManageCamera(principals['admin'], orphan)).toBe(true);
    expect(canViewCamera(principals['listed viewer'], orphan)).toBe(false);
  });
});

describe('cameraAudience', () => {
  it('is the owner, the viewers and every admin', () => {
    expect(cameraAudience(camera)).toEqual({
      cameraId: 'cam-1',
      userIds: ['op-owner', 'viewer-listed', 'op-listed'],
      includeAdmins: true,
    });
  });

  it('names each user once', () => {
    expect(cameraAudience({ id: 'c', ownerId: 'u1', viewerIds: ['u2', 'u1', 'u2'] }).userIds).toEqual(['u1', 'u2']);
  });

  it('does not share the viewers array with the camera', () => {
    const cam = { id: 'c', ownerId: 'u1', viewerIds: ['u2'] };
    const audience = cameraAudience(cam);
    audience.userIds.push('intruder');
    expect(cam.viewerIds).toEqual(['u2']);
  });
});
