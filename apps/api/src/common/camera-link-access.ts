import { canViewCamera, toPrincipal, type CameraRepository, type UserRepository } from '@argus/domain';

/**
 * Whether the user a signed media link names (snapshot, clip) may still see the camera: the link
 * proves who it was signed for, not that their access lasted.
 */
export async function linkUserMayViewCamera(
  repositories: { users: UserRepository; cameras: CameraRepository },
  userId: string,
  cameraId: string,
): Promise<boolean> {
  const [user, camera] = await Promise.all([repositories.users.findById(userId), repositories.cameras.findById(cameraId)]);
  return !!user && !!camera && canViewCamera(toPrincipal(user), camera);
}
