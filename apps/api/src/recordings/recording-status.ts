import { Gauge } from 'prom-client';
import type { ClipStore, DiskSpace, Recorder, SegmentStore } from '@argus/domain';
import type { ArgusMetrics } from '../metrics/argus-metrics';

/** `/api/health` → `recordings`. */
export interface RecordingsHealth {
  /** RECORDINGS_DIR. */
  dir: string;
  /** Continuous segments and event clips together. */
  bytes: number;
  continuousBytes: number;
  clipBytes: number;
  /** Video held in memory for the clips' pre-roll, all cameras. */
  preRollBytes: number;
  /** RECORDINGS_MAX_GB in bytes; null: a tenth of the disk is kept free instead. */
  maxBytes: number | null;
  /** The disk of RECORDINGS_DIR; null when it cannot be read. */
  disk: { total: number; free: number } | null;
  /** Why recording is stopped on every camera (a full disk); absent while it records. */
  stopped?: string;
}

/** What health and metrics say about recordings. */
export class RecordingStatus {
  constructor(
    private readonly dir: string,
    private readonly maxBytes: number | null,
    private readonly segments: SegmentStore,
    private readonly clips: ClipStore,
    private readonly recorder: Recorder,
    private readonly disk: DiskSpace,
  ) {}

  async health(): Promise<RecordingsHealth> {
    const continuousBytes = this.segments.usedBytes();
    const clipBytes = this.clips.usedBytes();
    const disk = await this.disk.check().catch(() => null);
    const stopped = this.recorder.blockedReason;
    return {
      dir: this.dir,
      bytes: continuousBytes + clipBytes,
      continuousBytes,
      clipBytes,
      preRollBytes: this.recorder.preRollBytes(),
      maxBytes: this.maxBytes,
      disk,
      ...(stopped ? { stopped } : {}),
    };
  }

  /** `argus_recordings_bytes{kind}`, `argus_recordings_preroll_bytes`, `argus_recordings_stopped`, `argus_recordings_disk_free_bytes`. */
  register(metrics: ArgusMetrics): void {
    const registers = [metrics.registry];
    const segments = this.segments;
    const clips = this.clips;
    const recorder = this.recorder;
    const disk = this.disk;
    new Gauge({
      name: 'argus_recordings_bytes',
      help: 'Bytes of recordings kept: continuous segments (RECORDINGS_DIR) and event clips (media store)',
      labelNames: ['kind'],
      registers,
      collect() {
        this.set({ kind: 'continuous' }, segments.usedBytes());
        this.set({ kind: 'clips' }, clips.usedBytes());
      },
    });
    new Gauge({
      name: 'argus_recordings_preroll_bytes',
      help: 'Video held in memory for the pre-roll of event clips, all cameras',
      registers,
      collect() {
        this.set(recorder.preRollBytes());
      },
    });
    new Gauge({
      name: 'argus_recordings_stopped',
      help: '1 while recording is stopped on every camera (a full disk, or RECORDINGS_MAX_GB reached with nothing left to delete)',
      registers,
      collect() {
        this.set(recorder.blockedReason ? 1 : 0);
      },
    });
    new Gauge({
      name: 'argus_recordings_disk_free_bytes',
      help: 'Free bytes on the disk of RECORDINGS_DIR',
      registers,
      async collect() {
        const space = await disk.check().catch(() => null);
        if (space) this.set(space.free);
      },
    });
  }
}
