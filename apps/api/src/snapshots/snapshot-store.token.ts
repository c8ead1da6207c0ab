/** The alert snapshot store (a `SnapshotStore`): written by the camera pipeline, read by the API, emptied with a camera. */
export const SNAPSHOT_STORE = Symbol('SnapshotStore');
