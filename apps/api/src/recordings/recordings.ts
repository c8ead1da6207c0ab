import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import {
  AttachClip,
  DEFAULT_MIN_FREE_BYTES,
  DEFAULT_MIN_FREE_FRACTION,
  Recorder,
  RecordingQueries,
  RecordingRetention,
  type AlertRepository,
  type CameraRepository,
  type ClipStore,
  type Clock,
  type DiskSpace,
  type MediaStore,
  type RealtimePublisher,
  type SegmentStore,
} from '@argus/domain';
import { FileSegmentStore, MediaClipStore, StatfsDiskSpace } from '@argus/adapters/media/record';
import type { ArgusConfig } from '@argus/config';
import { NodeTimers } from '../streams/node-timers';
import { RecordingStatus } from './recording-status';
import type { RecordingOverrides } from './recordings.tokens';
import { RetentionRunner } from './retention-runner';

/** The spool of clips being recorded, inside RECORDINGS_DIR (hidden: it is no camera's folder). */
export const clipSpoolDir = (config: ArgusConfig) => join(config.recordings.dir, '.clips');

/** RECORDINGS_DIR is made if need be; the segments of earlier runs are read in the background. */
export async function openSegmentStore(config: ArgusConfig, overrides: RecordingOverrides): Promise<SegmentStore> {
  const logger = new Logger('Recordings');
  await mkdir(config.recordings.dir, { recursive: true });
  return FileSegmentStore.open(config.recordings.dir, { log: (m) => logger.log(m), openFile: overrides.openFile });
}

/** The clips already stored are listed in the background (again later while S3 does not answer). */
export async function openClipStore(config: ArgusConfig, media: MediaStore, overrides: RecordingOverrides): Promise<MediaClipStore> {
  const logger = new Logger('Recordings');
  return MediaClipStore.open(media, clipSpoolDir(config), { local: config.mediaStore.kind === 'file', openFile: overrides.openFile, log: (m) => logger.warn(m) });
}

export function recordingsDisk(config: ArgusConfig, overrides: RecordingOverrides): DiskSpace {
  return overrides.disk ?? new StatfsDiskSpace(config.recordings.dir);
}

export interface RecordingsDeps {
  config: ArgusConfig;
  segments: SegmentStore;
  clips: ClipStore;
  disk: DiskSpace;
  cameras: CameraRepository;
  alerts: AlertRepository;
  publisher: RealtimePublisher;
  clock: Clock;
  overrides: RecordingOverrides;
}

/**
 * Recording put together: the recorder the camera streams feed, clips attached to their alerts,
 * retention on a timer, the queries behind the routes, and what health and metrics read.
 */
export class Recordings {
  readonly recorder: Recorder;
  readonly runner: RetentionRunner;
  readonly queries: RecordingQueries;
  readonly status: RecordingStatus;
  private readonly attaching = new Set<Promise<void>>();

  constructor(deps: RecordingsDeps) {
    const logger = new Logger('Recordings');
    const { config, segments, clips, disk } = deps;
    const attach = new AttachClip({ alerts: deps.alerts, cameras: deps.cameras, publisher: deps.publisher, clips, timers: new NodeTimers(), log: { warn: (m) => logger.warn(m) } });
    let runner: RetentionRunner | null = null;
    this.recorder = new Recorder({
      segments,
      clips,
      cameras: deps.cameras,
      clipStored: (cameraId, key, alertIds) => this.track(attach.execute(cameraId, key, alertIds)),
      diskFull: () => void runner?.runSoon(),
      log: { warn: (m) => logger.warn(m) },
    });
    const retention = new RecordingRetention({
      segments,
      clips,
      disk,
      clock: deps.clock,
      settings: {
        continuousDays: config.recordings.retainContinuousDays,
        eventsDays: config.recordings.retainEventsDays,
        maxBytes: config.recordings.maxBytes,
        minFreeFraction: DEFAULT_MIN_FREE_FRACTION,
        minFreeBytes: DEFAULT_MIN_FREE_BYTES,
      },
    });
    runner = new RetentionRunner(retention, this.recorder, deps.overrides.retentionIntervalMs ?? 60_000);
    this.runner = runner;
    this.queries = new RecordingQueries({ cameras: deps.cameras, segments });
    this.status = new RecordingStatus(config.recordings.dir, config.recordings.maxBytes, segments, clips, this.recorder, disk);
  }

  /** Resolves once every clip stored so far is attached to its alerts (tests, shutdown). */
  async settled(): Promise<void> {
    await this.recorder.settled();
    while (this.attaching.size > 0) await Promise.all([...this.attaching]);
  }

  private track(work: Promise<void>): void {
    const task = work.finally(() => this.attaching.delete(task));
    this.attaching.add(task);
  }
}
