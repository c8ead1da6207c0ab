import type { Camera } from '../cameras/camera';
import type { CameraRepository } from '../cameras/camera-repository';
import type { Clock } from '../shared/clock';
import type { RuntimeLog } from '../streams/camera-runtime-deps';
import type { Timers } from '../streams/timers';
import type { CameraFences } from './camera-fences';
import { ClaimGate } from './claim-gate';
import { changeFor, wantsToRun, workerLabelOf } from './camera-placement-state';
import type { CameraCommand, CameraCommandReply, ClusterCommandBus } from './cluster-commands';
import { runsCameras } from './cluster-node';
import { cameraLease, type ClusterTiming } from './cluster-timing';
import type { FenceBook } from './fenced-writes';
import type { LeaseStore } from './lease-store';
import type { NodeRegistry } from './node-registry';
import { eligibleWorkers, planPlacement, type PlacementWorker } from './placement';
import { Repeating } from './repeating';

/** The cameras running in this process (the CameraRuntime). */
export interface LocalCameras {
  start(camera: Camera): Promise<void>;
  stop(cameraId: string, options?: { keepStatus?: boolean }): Promise<void>;
  reconfigure(camera: Camera): Promise<void>;
}

export interface CameraWorkerDeps {
  node: { id: string; labels: readonly string[]; capacity: number };
  cameras: CameraRepository;
  local: LocalCameras;
  leases: LeaseStore;
  fences: CameraFences;
  registry: Pick<NodeRegistry, 'list'>;
  bus: Pick<ClusterCommandBus, 'announce'>;
  /** Where the tokens of the cameras held here are kept for the fenced writes. */
  book: FenceBook;
  timing: ClusterTiming;
  timers: Timers;
  clock: Clock;
  log: RuntimeLog;
  /** Resolves once the processes of the cameras stopped so far are gone (before a lease is let go). */
  stopped?: () => Promise<void>;
  /** Records which node runs a camera (null: none any more). */
  runsOn?: (cameraId: string, nodeId: string | null) => Promise<void>;
}

const noop = () => undefined;

type ClaimOutcome = 'started' | 'taken' | 'not wanted' | 'settling' | 'lost' | 'closing';

/** `camera`: as the local session runs it. */
type Held = { camera: Camera; token: number };

/**
 * A worker's side of the cluster. It runs the cameras whose lease it holds and no other: it
 * claims waiting cameras placement gives it (or any it may run, once one has waited a whole
 * lease), follows stored changes of its cameras, renews its leases, and stops a camera as soon as
 * it learns that another worker took it (its lease held by someone else, or a newer fencing
 * token). When Redis cannot be reached it keeps its cameras: nobody can take them meanwhile.
 */
export class CameraWorker {
  private readonly held = new Map<string, Held>();
  /** Work on one camera happens in order (commands, reconciling, claims). */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** When each camera without a holder was first seen waiting. */
  private readonly waitingSince = new Map<string, number>();
  private readonly loops: Repeating[] = [];
  private readonly reconciler: Repeating;
  private readonly renewer: Repeating;
  private readonly gate: ClaimGate;
  private closing = false;
  private renewFailing = false;

  constructor(private readonly deps: CameraWorkerDeps) {
    const { timing, timers, log } = deps;
    this.gate = new ClaimGate(deps.leases, timing, deps.clock);
    const fail = (what: string) => (e: unknown) => log.warn(`cluster: ${what} failed: ${String(e)}`);
    this.reconciler = new Repeating(timers, timing.reconcileMs, () => this.reconcile(), fail('placement'));
    this.renewer = new Repeating(timers, timing.renewMs, () => this.renew(), fail('lease renewal'));
    this.loops = [this.reconciler, this.renewer, new Repeating(timers, timing.fenceCheckMs, () => this.checkFences(), fail('fence check'))];
  }

  start(): void {
    for (const loop of this.loops) loop.start();
  }

  /** Cameras held here. */
  get cameraIds(): string[] {
    return [...this.held.keys()];
  }

  /** Look at the waiting cameras now (one was released) / renew now (the lease store is back). */
  reconcileSoon = (): void => this.reconciler.now();
  renewSoon = (): void => this.renewer.now();

  async handle(command: CameraCommand): Promise<CameraCommandReply> {
    if (this.closing) return { ok: false, running: false, error: 'this worker is shutting down' };
    const id = command.cameraId;
    return this.exclusive(id, async (): Promise<CameraCommandReply> => {
      const camera = await this.deps.cameras.findById(id);
      if (command.kind === 'stop') {
        await this.drop(id, { keepStatus: !camera });
        return { ok: true, running: false };
      }
      if (command.kind === 'reconfigure') {
        if (!this.held.has(id)) return { ok: false, running: false, error: 'not running here' };
        await this.follow(id, camera);
        return { ok: true, running: this.held.has(id) };
      }
      if (!camera) return { ok: false, running: false, error: 'no such camera' };
      if (this.held.has(id)) {
        await this.follow(id, camera);
        if (this.held.has(id)) await this.deps.local.start(camera);
        return { ok: this.held.has(id), running: this.held.has(id) };
      }
      const outcome = await this.claim(camera);
      return outcome === 'started' ? { ok: true, running: true } : { ok: false, running: false, error: outcome };
    });
  }

  /** Follows the stored cameras: drops, restarts or reconfigures its own, then claims waiting ones. */
  async reconcile(): Promise<void> {
    if (this.closing) return;
    const all = await this.deps.cameras.listAll();
    const byId = new Map(all.map((c) => [c.id, { ...c }]));
    await Promise.all(this.cameraIds.map((id) => this.exclusive(id, () => this.follow(id, byId.get(id) ?? null))));
    const mine = await this.placedHere([...byId.values()].filter((c) => wantsToRun(c) && !this.held.has(c.id)));
    await Promise.all(mine.map((camera) => this.exclusive(camera.id, () => this.claim(camera))));
  }

  async renew(): Promise<void> {
    const ids = this.cameraIds;
    if (ids.length === 0 || this.closing) return;
    const { leases, node, timing, log } = this.deps;
    let answers: boolean[];
    try {
      answers = await this.gate.call(() => leases.renew(ids.map(cameraLease), node.id, timing.leaseMs));
    } catch (error) {
      if (!this.renewFailing) log.warn(`cluster: leases cannot be renewed (${String(error)}): keeping the ${ids.length} camera(s) running here`);
      this.renewFailing = true;
      return;
    }
    if (this.renewFailing) log.info('cluster: leases renewed again');
    this.renewFailing = false;
    // A camera let go meanwhile must not keep the lease its renewal just took back.
    const letGo = ids.filter((id) => !this.held.has(id));
    if (letGo.length > 0) await leases.release(letGo.map(cameraLease), node.id).catch(() => undefined);
    ids.forEach((id, i) => {
      if (!answers[i]) this.lost(id, 'its lease is held by another worker');
    });
  }

  async checkFences(): Promise<void> {
    const entries = [...this.held].map(([cameraId, h]) => ({ cameraId, token: h.token }));
    if (entries.length === 0 || this.closing) return;
    let stale: string[];
    try {
      stale = await this.deps.fences.stale(entries);
    } catch {
      return; // the database is away: nobody can take a camera over meanwhile
    }
    for (const id of stale) {
      const checked = entries.find((e) => e.cameraId === id);
      if (checked && this.held.get(id)?.token === checked.token) this.lost(id, 'another worker took it over');
    }
  }

  /** Shutdown: every camera stopped here (statuses kept) and let go, for the other workers to take. */
  async handOver(): Promise<void> {
    this.closing = true;
    for (const loop of this.loops) loop.stop();
    await Promise.all(this.cameraIds.map((id) => this.exclusive(id, () => this.drop(id, { keepStatus: true }))));
  }

  /** The waiting cameras (no holder) this worker should claim now. */
  private async placedHere(candidates: Camera[]): Promise<Camera[]> {
    const { leases, registry, node, timing, clock } = this.deps;
    if (candidates.length === 0) {
      this.waitingSince.clear();
      return [];
    }
    const holders = await this.gate.call(() => leases.holders(candidates.map((c) => cameraLease(c.id))));
    const waiting = candidates.filter((_, i) => holders[i] === null);
    // A camera waits (towards anyone taking it) only while cameras may be claimed.
    if (waiting.length === 0 || !(await this.gate.open())) {
      this.waitingSince.clear();
      return [];
    }
    const now = clock.now().getTime();
    const ids = new Set(waiting.map((c) => c.id));
    for (const id of [...this.waitingSince.keys()]) if (!ids.has(id)) this.waitingSince.delete(id);
    for (const id of ids) if (!this.waitingSince.has(id)) this.waitingSince.set(id, now);
    const me: PlacementWorker = { id: node.id, labels: node.labels, capacity: node.capacity, cameras: this.held.size };
    // What the others run: their leases among these cameras, or what they announced if that is more.
    const heldBy = new Map<string, number>();
    for (const holder of holders) if (holder) heldBy.set(holder, (heldBy.get(holder) ?? 0) + 1);
    const others = (await registry.list()).filter((n) => runsCameras(n.role) && n.id !== node.id);
    const workers = [me, ...others.map((n) => ({ ...n, cameras: Math.max(n.cameras, heldBy.get(n.id) ?? 0) }))];
    const plan = new Map(planPlacement(waiting.map((c) => ({ id: c.id, workerLabel: workerLabelOf(c) })), workers).map((p) => [p.cameraId, p.nodeId]));
    // A camera placement gave to a worker that did not take it within a lease: anyone eligible does.
    const overdue = (c: Camera) => now - (this.waitingSince.get(c.id) ?? now) >= timing.leaseMs;
    const eligible = (c: Camera) => eligibleWorkers({ id: c.id, workerLabel: workerLabelOf(c) }, [me]).length > 0;
    return waiting.filter((c) => plan.get(c.id) === node.id || (overdue(c) && eligible(c)));
  }

  private async claim(camera: Camera): Promise<ClaimOutcome> {
    const { leases, fences, node, timing, book, log } = this.deps;
    const id = camera.id;
    if (this.closing) return 'closing';
    if (this.held.has(id)) return 'started';
    if (!wantsToRun(camera)) return 'not wanted';
    if (!(await this.gate.open())) return 'settling';
    if (!(await leases.acquire(cameraLease(id), node.id, timing.leaseMs))) return 'taken';
    let take;
    try {
      take = await fences.take(id, node.id);
    } catch (error) {
      await leases.release([cameraLease(id)], node.id).catch(() => undefined);
      throw error;
    }
    this.held.set(id, { camera, token: take.token });
    book.set(id, take.token);
    this.waitingSince.delete(id);
    this.deps.bus.announce({ cameraId: id, owner: node.id });
    if (take.previous && take.previous.owner !== node.id && !take.previous.released) {
      // The old holder may not know yet: it stops at its next fence check, before this wait ends.
      log.info(`camera ${id}: taking over from ${take.previous.owner}`);
      await new Promise<void>((resolve) => this.deps.timers.setTimeout(resolve, timing.takeoverDelayMs));
    }
    const held = this.held.get(id);
    if (held?.token !== take.token) return 'lost';
    const fresh = await this.deps.cameras.findById(id);
    if (!fresh || !wantsToRun(fresh)) {
      await this.drop(id, { keepStatus: true });
      return 'not wanted';
    }
    held.camera = fresh;
    await this.deps.runsOn?.(id, node.id).catch((e: unknown) => log.warn(`camera ${id}: node not recorded: ${String(e)}`));
    await this.deps.local.start(fresh);
    return 'started';
  }

  /** Brings a camera held here in line with its stored self. */
  private async follow(id: string, stored: Camera | null): Promise<void> {
    const held = this.held.get(id);
    if (!held) return;
    if (!stored || !wantsToRun(stored)) {
      // Deleted: nothing to write any more. Disabled or stopped by a user: 'stopped' is written.
      await this.drop(id, { keepStatus: !stored });
      return;
    }
    const change = changeFor(held.camera, stored);
    held.camera = stored;
    if (change === 'restart') {
      await this.deps.local.stop(id, { keepStatus: true });
      if (this.held.get(id) === held) await this.deps.local.start(stored);
    } else if (change === 'reconfigure') {
      await this.deps.local.reconfigure(stored);
    }
  }

  /** Stops a camera here on purpose and lets its lease go. */
  private async drop(id: string, options: { keepStatus: boolean }): Promise<void> {
    const held = this.held.get(id);
    if (!held) return;
    const { leases, fences, node, log } = this.deps;
    await this.deps.local.stop(id, options);
    if (this.held.get(id) !== held) return; // lost meanwhile: not ours to let go
    this.held.delete(id);
    this.deps.book.delete(id);
    await this.deps.stopped?.();
    await this.deps.runsOn?.(id, null).catch(() => undefined);
    await leases.release([cameraLease(id)], node.id).catch((e: unknown) => log.warn(`camera ${id}: lease not released: ${String(e)}`));
    await fences.release(id, held.token).catch(() => undefined);
    this.deps.bus.announce({ cameraId: id, owner: null });
  }

  /** Another worker holds the camera now: it stops here at once, without writing anything more. */
  private lost(id: string, why: string): void {
    if (!this.held.has(id)) return;
    this.held.delete(id);
    this.deps.book.delete(id);
    this.deps.log.warn(`camera ${id}: ${why}: stopped here`);
    const stop = this.exclusive(id, () => this.deps.local.stop(id, { keepStatus: true }));
    stop.catch((e: unknown) => this.deps.log.warn(`camera ${id}: stop failed: ${String(e)}`));
  }

  private exclusive<T>(cameraId: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(cameraId) ?? Promise.resolve();
    const run = before.then(work);
    const tail = run.then(noop, noop);
    this.queues.set(cameraId, tail);
    void tail.then(() => {
      if (this.queues.get(cameraId) === tail) this.queues.delete(cameraId);
    });
    return run;
  }
}
