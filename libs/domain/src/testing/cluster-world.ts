// Several workers of one cluster in one test, on in-memory ports and a shared FakeClock.
import type { Camera } from '../cameras/camera';
import { CameraStatusReporter } from '../cameras/use-cases/camera-status';
import { aCamera } from './builders';
import { FakeClock, InMemoryCameras, RecordingPublisher } from './fakes';
import { ManualTimers, settle } from './manual-timers';
import { RecordingLog } from './runtime-world';
import { CameraWorker } from '../cluster/camera-worker';
import { MemoryBusHub, MemoryCameraFences, MemoryLeaseStore, MemoryNodeRegistry, RecordingLocalCameras } from './cluster-fakes';
import type { ClusterRole } from '../cluster/cluster-node';
import { clusterTiming, type ClusterTiming } from '../cluster/cluster-timing';
import { FenceBook } from '../cluster/fenced-writes';
import { NodePresence } from '../cluster/node-presence';

export interface TestWorker {
  id: string;
  worker: CameraWorker;
  local: RecordingLocalCameras;
  presence: NodePresence;
  book: FenceBook;
  log: RecordingLog;
  /** Dies at once: no more loops, nothing released. */
  kill(): void;
}

export class ClusterWorld {
  readonly clock = new FakeClock();
  readonly timers = new ManualTimers(this.clock);
  readonly timing: ClusterTiming = clusterTiming(10_000);
  readonly cameras = new InMemoryCameras();
  readonly leases = new MemoryLeaseStore(this.clock);
  readonly fences = new MemoryCameraFences();
  readonly registry = new MemoryNodeRegistry(this.clock);
  readonly hub = new MemoryBusHub();
  readonly publisher = new RecordingPublisher();
  readonly status = new CameraStatusReporter({ cameras: this.cameras, publisher: this.publisher, clock: this.clock });
  readonly workers = new Map<string, TestWorker>();

  constructor() {
    this.leases.settle();
  }

  async addCamera(overrides: Partial<Camera> = {}): Promise<Camera> {
    const camera = aCamera({ status: 'running', ...overrides });
    await this.cameras.create(camera);
    return camera;
  }

  addWorker(id: string, options: { labels?: string[]; capacity?: number; role?: ClusterRole } = {}): TestWorker {
    const local = new RecordingLocalCameras();
    const book = new FenceBook();
    const log = new RecordingLog();
    const bus = this.hub.bus(id);
    const worker = new CameraWorker({
      node: { id, labels: options.labels ?? [], capacity: options.capacity ?? 2 },
      cameras: this.cameras,
      local,
      leases: this.leases,
      fences: this.fences,
      registry: this.registry,
      bus,
      book,
      timing: this.timing,
      timers: this.timers,
      clock: this.clock,
      log,
    });
    bus.handle((command) => worker.handle(command));
    const startedAt = this.clock.now();
    const presence = new NodePresence({
      registry: this.registry,
      describe: () => ({
        id,
        role: options.role ?? 'worker',
        host: id,
        url: `http://${id}:4000`,
        startedAt,
        cameras: worker.cameraIds.length,
        labels: options.labels ?? [],
        capacity: options.capacity ?? 2,
      }),
      timing: this.timing,
      timers: this.timers,
      clock: this.clock,
      log,
    });
    const kill = () => {
      // A SIGKILL: the loops end (their timers would never fire), nothing is let go.
      (worker as unknown as { loops: Array<{ stop(): void }> }).loops.forEach((l) => l.stop());
      (presence as unknown as { loop: { stop(): void } }).loop.stop();
      this.hub.silence(id);
      local.running.clear();
    };
    const entry: TestWorker = { id, worker, local, presence, book, log, kill };
    this.workers.set(id, entry);
    presence.start();
    worker.start();
    return entry;
  }

  /** Moves time forward in small steps, letting promises settle at each. */
  async run(ms: number, stepMs = 100): Promise<void> {
    for (let t = 0; t < ms; t += stepMs) {
      this.timers.advance(Math.min(stepMs, ms - t));
      await settle(8);
    }
  }

  /** Where each camera runs: camera id → worker ids running it (locally). */
  runningOn(): Map<string, string[]> {
    const where = new Map<string, string[]>();
    for (const w of this.workers.values()) {
      for (const id of w.local.running.keys()) where.set(id, [...(where.get(id) ?? []), w.id]);
    }
    return where;
  }

  /** The worker ids running a camera. */
  on(cameraId: string): string[] {
    return this.runningOn().get(cameraId) ?? [];
  }
}
