// In-memory stand-ins for the cluster's ports (the lease store, fences, registry and command
// bus), on a FakeClock, for the domain's unit tests. Each can be taken "away" like Redis or MongoDB.
import type { Camera } from '../cameras/camera';
import type { Clock } from '../shared/clock';
import type { CameraFences, FenceTake } from '../cluster/camera-fences';
import type { CameraCommand, CameraCommandReply, ClusterCommandBus, CommandHandler, OwnershipChange } from '../cluster/cluster-commands';
import type { ClusterNode } from '../cluster/cluster-node';
import type { LeaseStore } from '../cluster/lease-store';
import type { LocalCameras } from '../cluster/camera-worker';
import type { NodeRegistry } from '../cluster/node-registry';

const away = () => new Error('connection refused');

export class MemoryLeaseStore implements LeaseStore {
  readonly leases = new Map<string, { owner: string; until: number }>();
  /** While true every call fails, as when Redis cannot be reached. */
  down = false;
  private since: number;

  constructor(private readonly clock: Clock) {
    this.since = clock.now().getTime();
  }

  /** Starts as an empty store: its data gone, as after a restart without persistence. */
  wipe(): void {
    this.leases.clear();
    this.since = this.now();
  }

  /** Pretends the store has run for a while (no quiet period left). */
  settle(ageMs = 3_600_000): void {
    this.since = this.now() - ageMs;
  }

  holderOf(name: string): string | null {
    const lease = this.leases.get(name);
    return lease && lease.until > this.now() ? lease.owner : null;
  }

  async acquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
    this.check();
    if (this.holderOf(name) !== null) return false;
    this.leases.set(name, { owner, until: this.now() + ttlMs });
    return true;
  }

  async renew(names: readonly string[], owner: string, ttlMs: number): Promise<boolean[]> {
    this.check();
    return names.map((name) => {
      const holder = this.holderOf(name);
      if (holder !== null && holder !== owner) return false;
      this.leases.set(name, { owner, until: this.now() + ttlMs });
      return true;
    });
  }

  async release(names: readonly string[], owner: string): Promise<void> {
    this.check();
    for (const name of names) if (this.holderOf(name) === owner) this.leases.delete(name);
  }

  async holders(names: readonly string[]): Promise<Array<string | null>> {
    this.check();
    return names.map((name) => this.holderOf(name));
  }

  async age(): Promise<number> {
    this.check();
    return this.now() - this.since;
  }

  private check(): void {
    if (this.down) throw away();
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

export class MemoryCameraFences implements CameraFences {
  readonly fences = new Map<string, { token: number; owner: string; released: boolean }>();
  down = false;

  async take(cameraId: string, owner: string): Promise<FenceTake> {
    if (this.down) throw away();
    const before = this.fences.get(cameraId);
    const token = (before?.token ?? 0) + 1;
    this.fences.set(cameraId, { token, owner, released: false });
    return { token, previous: before ? { owner: before.owner, released: before.released } : null };
  }

  async stale(held: ReadonlyArray<{ cameraId: string; token: number }>): Promise<string[]> {
    if (this.down) throw away();
    return held.filter((h) => (this.fences.get(h.cameraId)?.token ?? 0) > h.token).map((h) => h.cameraId);
  }

  async release(cameraId: string, token: number): Promise<void> {
    if (this.down) throw away();
    const fence = this.fences.get(cameraId);
    if (fence && fence.token === token) fence.released = true;
  }
}

export class MemoryNodeRegistry implements NodeRegistry {
  readonly nodes = new Map<string, { node: ClusterNode; until: number }>();
  down = false;

  constructor(private readonly clock: Clock) {}

  async announce(node: ClusterNode, ttlMs: number): Promise<void> {
    if (this.down) throw away();
    this.nodes.set(node.id, { node: { ...node, labels: [...node.labels] }, until: this.clock.now().getTime() + ttlMs });
  }

  async list(): Promise<ClusterNode[]> {
    if (this.down) throw away();
    const now = this.clock.now().getTime();
    return [...this.nodes.values()].filter((n) => n.until > now).map((n) => n.node);
  }

  async remove(nodeId: string): Promise<void> {
    if (this.down) throw away();
    this.nodes.delete(nodeId);
  }
}

/** The pub/sub between the nodes of one test: each node's bus comes from `bus(nodeId)`. */
export class MemoryBusHub {
  private readonly handlers = new Map<string, CommandHandler>();
  private readonly listeners: Array<(change: OwnershipChange) => void> = [];
  readonly sent: Array<{ nodeId: string; command: CameraCommand }> = [];
  down = false;

  bus(nodeId: string): ClusterCommandBus {
    return {
      send: async (target, command): Promise<CameraCommandReply> => {
        if (this.down) throw away();
        this.sent.push({ nodeId: target, command });
        const handler = this.handlers.get(target);
        if (!handler) throw new Error(`no answer from ${target}`);
        return handler(command);
      },
      handle: (handler) => this.handlers.set(nodeId, handler),
      announce: (change) => {
        if (!this.down) for (const listener of this.listeners) listener(change);
      },
      onAnnouncement: (listener) => this.listeners.push(listener),
    };
  }

  /** A node that died: its commands go unanswered. */
  silence(nodeId: string): void {
    this.handlers.delete(nodeId);
  }
}

/** A CameraRuntime stand-in: which cameras run here, and every call made. */
export class RecordingLocalCameras implements LocalCameras {
  readonly running = new Map<string, Camera>();
  readonly calls: string[] = [];

  async start(camera: Camera): Promise<void> {
    this.calls.push(`start ${camera.id}`);
    this.running.set(camera.id, camera);
  }

  async stop(cameraId: string, options: { keepStatus?: boolean } = {}): Promise<void> {
    this.calls.push(`stop ${cameraId}${options.keepStatus ? ' (status kept)' : ''}`);
    this.running.delete(cameraId);
  }

  async reconfigure(camera: Camera): Promise<void> {
    this.calls.push(`reconfigure ${camera.id}`);
    this.running.set(camera.id, camera);
  }
}
