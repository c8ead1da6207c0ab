import type { CameraRepository } from '../cameras/camera-repository';
import type { CameraStatusReporter } from '../cameras/use-cases/camera-status';
import type { RuntimeLog } from '../streams/camera-runtime-deps';
import type { Timers } from '../streams/timers';
import { wantsToRun, workerLabelOf } from './camera-placement-state';
import { runsCameras } from './cluster-node';
import { cameraLease, type ClusterTiming } from './cluster-timing';
import type { LeaseStore } from './lease-store';
import type { NodeRegistry } from './node-registry';
import { eligibleWorkers, unplacedReason } from './placement';
import { Repeating } from './repeating';

export interface UnplacedCamerasDeps {
  cameras: CameraRepository;
  leases: LeaseStore;
  registry: Pick<NodeRegistry, 'list'>;
  status: CameraStatusReporter;
  isLeader: () => boolean;
  timing: ClusterTiming;
  timers: Timers;
  log: RuntimeLog;
}

/**
 * The leader's watch over cameras that should run but that no worker up may run (none carries
 * their label, or no worker is up at all): they show `error` with the reason until one comes.
 */
export class UnplacedCameras {
  private readonly loop: Repeating;

  constructor(private readonly deps: UnplacedCamerasDeps) {
    this.loop = new Repeating(deps.timers, 2 * deps.timing.reconcileMs, () => this.check(), (e) => deps.log.warn(`cluster: unplaced cameras: ${String(e)}`));
  }

  start(): void {
    this.loop.start();
  }

  stop(): void {
    this.loop.stop();
  }

  async check(): Promise<void> {
    if (!this.deps.isLeader()) return;
    const wanted = (await this.deps.cameras.listAll()).filter(wantsToRun);
    if (wanted.length === 0) return;
    const holders = await this.deps.leases.holders(wanted.map((c) => cameraLease(c.id)));
    const workers = (await this.deps.registry.list()).filter((n) => runsCameras(n.role));
    for (const [i, camera] of wanted.entries()) {
      if (holders[i] !== null) continue;
      const label = workerLabelOf(camera);
      if (eligibleWorkers({ id: camera.id, workerLabel: label }, workers).length > 0) continue;
      const reason = unplacedReason(label);
      if (camera.status === 'error' && camera.lastError === reason) continue;
      await this.deps.status.setStatus(camera.id, 'error', reason);
    }
  }
}
