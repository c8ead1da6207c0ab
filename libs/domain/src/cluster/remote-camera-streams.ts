import type { Camera } from '../cameras/camera';
import type { CameraRepository } from '../cameras/camera-repository';
import type { CameraStatusReporter } from '../cameras/use-cases/camera-status';
import type { RuntimeLog } from '../streams/camera-runtime-deps';
import type { CameraStreamController } from '../streams/camera-stream-controller';
import type { Timers } from '../streams/timers';
import { workerLabelOf } from './camera-placement-state';
import type { CameraCommand, CameraCommandReply, ClusterCommandBus, OwnershipChange } from './cluster-commands';
import { runsCameras } from './cluster-node';
import { cameraLease, type ClusterTiming } from './cluster-timing';
import type { LeaseStore } from './lease-store';
import type { NodeRegistry } from './node-registry';
import { planPlacement } from './placement';
import { Repeating } from './repeating';

export interface RemoteCameraStreamsDeps {
  nodeId: string;
  cameras: CameraRepository;
  /** Statuses an api node records itself: the wish to run ('starting'), a stop, no worker. */
  status: CameraStatusReporter;
  leases: LeaseStore;
  registry: Pick<NodeRegistry, 'list'>;
  bus: ClusterCommandBus;
  timing: ClusterTiming;
  timers: Timers;
  log: RuntimeLog;
  /** This process's own worker (role `all`): its commands need no trip through Redis. */
  local?: { handle(command: CameraCommand): Promise<CameraCommandReply> };
}

/**
 * The camera use cases' running side on a node of a cluster: each start, stop and change goes to
 * the worker that runs the camera (or that placement gives it to) and waits for its answer. The
 * stored camera stays the truth the workers follow anyway: when Redis or the worker cannot be
 * reached, the wish is recorded (a 'starting' or 'stopped' status) and the workers act on it
 * when they next compare (every second), so the API keeps answering.
 */
export class RemoteCameraStreams implements CameraStreamController {
  /** Who runs each camera, as last heard. */
  private readonly owners = new Map<string, string>();
  private readonly refresher: Repeating;

  constructor(private readonly deps: RemoteCameraStreamsDeps) {
    deps.bus.onAnnouncement((change) => this.heard(change));
    this.refresher = new Repeating(deps.timers, 2 * deps.timing.reconcileMs, () => this.refresh(), () => undefined);
  }

  /** Keeps the owners it knows fresh (every two seconds) until `close`. */
  open(): void {
    this.refresher.start();
  }

  close(): void {
    this.refresher.stop();
  }

  /** The node running a camera, as last heard (null: none). */
  ownerOf(cameraId: string): string | null {
    return this.owners.get(cameraId) ?? null;
  }

  /** The node running a camera now, asked of the lease store (as last heard when it cannot be asked). */
  async locate(cameraId: string): Promise<string | null> {
    const owner = await this.holder(cameraId);
    return owner === undefined ? this.ownerOf(cameraId) : owner;
  }

  isActive(cameraId: string): boolean {
    return this.owners.has(cameraId);
  }

  async start(camera: Camera): Promise<void> {
    const owner = await this.holder(camera.id);
    if (owner) {
      await this.send(owner, { kind: 'start', cameraId: camera.id });
      return;
    }
    // Recorded first: a worker that takes the camera later (or after an outage) knows it should run.
    if (camera.status === 'stopped') await this.deps.status.setStatus(camera.id, 'starting');
    if (owner === undefined) return; // Redis away: the workers take it when it is back
    let workers;
    try {
      workers = (await this.deps.registry.list()).filter((n) => runsCameras(n.role)).map((n) => ({ ...n, cameras: this.heldBy(n.id, n.cameras) }));
    } catch {
      return;
    }
    const [placement] = planPlacement([{ id: camera.id, workerLabel: workerLabelOf(camera) }], workers);
    if (placement.nodeId === null) {
      await this.deps.status.setStatus(camera.id, 'error', placement.reason);
      return;
    }
    await this.send(placement.nodeId, { kind: 'claim', cameraId: camera.id });
  }

  async stop(cameraId: string): Promise<void> {
    const owner = await this.holder(cameraId);
    const reply = owner ? await this.send(owner, { kind: 'stop', cameraId }) : null;
    if (!reply?.ok) await this.deps.status.setStatus(cameraId, 'stopped');
  }

  async reconfigure(camera: Camera): Promise<void> {
    const owner = await this.holder(camera.id);
    if (owner) await this.send(owner, { kind: 'reconfigure', cameraId: camera.id });
  }

  /** The lease holder now (null: none; undefined: the lease store cannot be asked). */
  private async holder(cameraId: string): Promise<string | null | undefined> {
    try {
      const [owner] = await this.deps.leases.holders([cameraLease(cameraId)]);
      this.heard({ cameraId, owner });
      return owner;
    } catch (error) {
      this.deps.log.warn(`cluster: lease of camera ${cameraId} unknown (${String(error)}): the workers follow the stored camera`);
      return undefined;
    }
  }

  private async send(nodeId: string, command: CameraCommand): Promise<CameraCommandReply | null> {
    try {
      if (this.deps.local && nodeId === this.deps.nodeId) return await this.deps.local.handle(command);
      return await this.deps.bus.send(nodeId, command, this.deps.timing.commandTimeoutMs);
    } catch (error) {
      this.deps.log.warn(`cluster: ${command.kind} of camera ${command.cameraId} on ${nodeId} got no answer (${String(error)})`);
      return null;
    }
  }

  /**
   * The cameras a worker runs, as the leases say (heard at once when it claims one), or as it
   * announced (once a second) when that is more: several starts in a row must not all go to the
   * worker that looked idle at the first.
   */
  private heldBy(nodeId: string, announced: number): number {
    let held = 0;
    for (const owner of this.owners.values()) if (owner === nodeId) held++;
    return Math.max(held, announced);
  }

  private heard(change: OwnershipChange): void {
    if (change.owner) this.owners.set(change.cameraId, change.owner);
    else this.owners.delete(change.cameraId);
  }

  private async refresh(): Promise<void> {
    const ids = (await this.deps.cameras.listAll()).map((c) => c.id);
    const holders = ids.length > 0 ? await this.deps.leases.holders(ids.map(cameraLease)) : [];
    this.owners.clear();
    ids.forEach((id, i) => this.heard({ cameraId: id, owner: holders[i] }));
  }
}
