import { Inject, Injectable } from '@nestjs/common';
import { CameraRuntime, type CameraRepository, type CameraStatus, type MediaStore, type MediaStoreStatus } from '@argus/domain';
import { SocketIoRealtimePublisher } from '@argus/adapters';
import type { DetectionPool } from '@argus/detection';
import { MEDIA_STORE } from '../media-store/media-store.token';
import { CAMERA_REPOSITORY, DATABASE_PROBE, type DatabaseProbe } from '../persistence/tokens';
import { WarmDetector, type DetectorState } from '../streams/warm-detector';
import { RecordingStatus, type RecordingsHealth } from '../recordings/recording-status';

/** A probe that does not answer within this time counts as down (a stalled MongoDB must not hang health). */
const PROBE_TIMEOUT_MS = 2000;

export interface HealthReport {
  status: 'ok';
  /** Database reachable and not shutting down: safe to send traffic here. */
  ready: boolean;
  shuttingDown: boolean;
  uptimeSeconds: number;
  /** `detail` while down: what Argus is waiting for and why (`waiting for MongoDB at mongo:27017: …`). */
  database: { kind: DatabaseProbe['kind']; up: boolean; detail?: string };
  detection: { state: DetectorState; threads: number | null; queueSize: number | null; error?: string };
  /** Stored statuses (null while the database is down) and the stream sessions this process runs. */
  cameras: { total: number | null; byStatus: Record<CameraStatus, number> | null; active: number };
  socketClients: number;
  /** Where snapshots and crops go; on S3, whether it answers and how many objects wait in the local spool. */
  media: MediaStoreStatus;
  /** Disk use of recordings (continuous segments and event clips), and why recording is stopped, if it is. */
  recordings: RecordingsHealth;
}

function withTimeout<T>(work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), PROBE_TIMEOUT_MS)));
  return Promise.race([work.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}

const DATABASE_NAMES: Record<DatabaseProbe['kind'], string> = { mongodb: 'MongoDB', sqlite: 'SQLite' };

/** Pings the database; when it is down, says why in the words of the start-up wait. */
async function probe(database: DatabaseProbe): Promise<HealthReport['database']> {
  const why = (reason: string) => `waiting for ${DATABASE_NAMES[database.kind]}${database.target ? ` at ${database.target}` : ''}: ${reason}`;
  const answer = database.ping().then(
    (up) => (up ? { up } : { up, detail: why('not connected') }),
    (error: unknown) => ({ up: false, detail: why(error instanceof Error ? error.message.split('\n')[0] : String(error)) }),
  );
  const result = await withTimeout(answer, { up: false, detail: why(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`) });
  return { kind: database.kind, ...result };
}

/** Liveness plus the readiness view behind `/api/health` and `/api/health/ready`. */
@Injectable()
export class Readiness {
  private readonly startedAt = Date.now();
  private draining = false;

  constructor(
    @Inject(DATABASE_PROBE) private readonly database: DatabaseProbe,
    @Inject(CAMERA_REPOSITORY) private readonly cameras: CameraRepository,
    private readonly runtime: CameraRuntime,
    private readonly detector: WarmDetector<DetectionPool>,
    private readonly realtime: SocketIoRealtimePublisher,
    @Inject(MEDIA_STORE) private readonly media: MediaStore,
    private readonly recordings: RecordingStatus,
  ) {}

  /** Called when a shutdown begins: orchestrators stop routing here while streams wind down. */
  markDraining(): void {
    this.draining = true;
  }

  async report(): Promise<HealthReport> {
    const database = await probe(this.database);
    const databaseUp = database.up;
    const stored = databaseUp ? await withTimeout(this.cameras.listAll(), null) : null;
    const pool = this.detector.current;
    const error = this.detector.lastError;
    return {
      status: 'ok',
      ready: databaseUp && !this.draining,
      shuttingDown: this.draining,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      database,
      detection: { state: this.detector.state, threads: pool?.threads ?? null, queueSize: pool?.queueSize ?? null, ...(error ? { error } : {}) },
      cameras: { total: stored?.length ?? null, byStatus: stored ? countStatuses(stored.map((c) => c.status)) : null, active: this.runtime.activeCameraIds().length },
      socketClients: this.realtime.connectedClients,
      media: this.media.status(),
      recordings: await this.recordings.health(),
    };
  }
}

function countStatuses(statuses: CameraStatus[]): Record<CameraStatus, number> {
  const counts: Record<CameraStatus, number> = { starting: 0, running: 0, stopped: 0, error: 0 };
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
