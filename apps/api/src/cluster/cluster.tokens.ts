/** The running side the camera use cases talk to: the CameraRuntime, or RemoteCameraStreams in a cluster. */
export const CAMERA_STREAMS = Symbol('CameraStreams');
/** This node (id, role, address, labels, capacity). */
export const CLUSTER_NODE = Symbol('ClusterNode');
/** Cluster mode only: the Redis connections, the fenced writes for a worker's pipeline, the leader. */
export const CLUSTER_REDIS = Symbol('ClusterRedis');
export const CLUSTER_FENCING = Symbol('ClusterFencing');
export const CLUSTER_LEADER = Symbol('ClusterLeader');
/** Cluster mode only: how the people indexes and the identity cooldown are shared (null alone). */
export const CLUSTER_PEOPLE = Symbol('ClusterPeople');
