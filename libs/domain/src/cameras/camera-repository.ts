import type { Camera, CameraPatch } from './camera';

export interface CameraListQuery {
  /** When set, only cameras this user owns or is a viewer of; unset means all (admins). */
  visibleToUserId?: string;
  enabled?: boolean;
  offset: number;
  limit: number;
}

export interface CameraRepository {
  create(camera: Camera): Promise<void>;
  findById(id: string): Promise<Camera | null>;
  /** Oldest first (createdAt, then id). */
  list(query: CameraListQuery): Promise<{ items: Camera[]; total: number }>;
  /** Ids of every camera the user owns or views (for alert filtering). */
  listIdsVisibleTo(userId: string): Promise<string[]>;
  /** Every camera (for start-up and supervision). */
  listAll(): Promise<Camera[]>;
  /** Returns the updated camera, or null when it does not exist. */
  update(id: string, patch: CameraPatch): Promise<Camera | null>;
  delete(id: string): Promise<boolean>;
  /** Drops a deleted user from every viewers list and returns how many cameras changed. */
  removeViewerEverywhere(userId: string): Promise<number>;
  /** Cameras owned by the user (used when deleting users). */
  listOwnedBy(userId: string): Promise<Camera[]>;
}
