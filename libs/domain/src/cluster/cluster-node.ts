/** What an Argus process does in a cluster (`ARGUS_ROLE`). */
export const CLUSTER_ROLES = ['all', 'api', 'worker'] as const;
export type ClusterRole = (typeof CLUSTER_ROLES)[number];

/** `all` and `worker` run cameras; `api` serves REST, socket.io and the console only. */
export const runsCameras = (role: ClusterRole): boolean => role !== 'api';
/** `all` and `api` serve the REST API, socket.io and the console to browsers. */
export const servesClients = (role: ClusterRole): boolean => role !== 'worker';

/** One Argus process of the installation, as it announces itself to the others. */
export interface ClusterNode {
  id: string;
  role: ClusterRole;
  /** The machine's name or address (PUBLIC_HOST when set). */
  host: string;
  /** Where the other nodes reach its HTTP port (live view is forwarded there). */
  url: string;
  startedAt: Date;
  lastSeen: Date;
  /** Cameras it runs now. */
  cameras: number;
  /** WORKER_LABELS: cameras with one of these `workerLabel`s may run on it. */
  labels: string[];
  /** How many cameras' detection it can carry at once (its detection threads); 0 for api nodes. */
  capacity: number;
}

/** `GET /api/cluster`, one row per node. */
export interface ClusterNodeView {
  id: string;
  role: ClusterRole;
  host: string;
  startedAt: string;
  lastSeen: string;
  cameras: number;
  labels: string[];
  capacity: number;
}

export function toClusterNodeView(node: ClusterNode): ClusterNodeView {
  return {
    id: node.id,
    role: node.role,
    host: node.host,
    startedAt: node.startedAt.toISOString(),
    lastSeen: node.lastSeen.toISOString(),
    cameras: node.cameras,
    labels: [...node.labels],
    capacity: node.capacity,
  };
}

/** Nodes in a stable order: api nodes first, then workers, each by start time then id. */
export function sortNodes(nodes: readonly ClusterNode[]): ClusterNode[] {
  const rank = (role: ClusterRole) => (role === 'api' ? 0 : role === 'all' ? 1 : 2);
  return [...nodes].sort((a, b) => rank(a.role) - rank(b.role) || a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id));
}

/** WORKER_LABELS / Camera.workerLabel: letters, digits, '.', '_' and '-', up to 64. */
export const WORKER_LABEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isWorkerLabel(value: string): boolean {
  return WORKER_LABEL_PATTERN.test(value);
}
