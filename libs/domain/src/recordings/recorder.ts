import type { Alert } from '../alerts/alert';
import type { Camera } from '../cameras/camera';
import type { CameraRepository } from '../cameras/camera-repository';
import type { EncodedVideoUnit, VideoStreamInfo } from '../streams/encoded-video';
import type { LiveDetections, LiveVideoHub } from '../streams/live-video-hub';
import { CameraRecorder, DEFAULT_RECORDER_OPTIONS, type RecorderOptions } from './camera-recorder';
import { isDiskFull, type ClipStore, type SegmentStore } from './recording-ports';

export const DISK_FULL = 'recording stopped: the disk is full';

export interface RecorderDeps {
  segments: SegmentStore;
  clips: ClipStore;
  /** Where a camera's recording settings are read again each time its stream connects. */
  cameras: Pick<CameraRepository, 'findById'>;
  /** A clip is stored: attach it to its alerts (AttachClip). */
  clipStored(cameraId: string, key: string, alertIds: string[]): void;
  /** The disk is full: retention should run now (it lifts the stop once there is room). */
  diskFull(): void;
  /** A camera's recording error appeared, changed or went (null). */
  recordingErrorChanged?(cameraId: string, error: string | null): void;
  options?: Partial<RecorderOptions>;
  log: { warn(message: string): void };
}

/**
 * Recording for every running camera: another receiver of the H.264 units the live view gets
 * (the streams' one RTSP pull each, copied, never re-encoded), plus the alerts and detections that
 * make event clips. Cameras record by their `recording` settings, applied live by `configure`.
 * A full disk stops recording everywhere (alerts go on) until retention makes room.
 */
export class Recorder implements LiveVideoHub {
  private readonly recorders = new Map<string, CameraRecorder>();
  private readonly options: RecorderOptions;
  private blocked: string | null = null;
  private readonly errors = new Map<string, string | null>();
  /** Settings given per camera so far: a stored copy read meanwhile must not replace newer ones. */
  private readonly versions = new Map<string, number>();

  constructor(private readonly deps: RecorderDeps) {
    this.options = { ...DEFAULT_RECORDER_OPTIONS, ...deps.options };
  }

  /** The camera's settings (on start and on every change). */
  configure(camera: Camera): void {
    this.versions.set(camera.id, (this.versions.get(camera.id) ?? 0) + 1);
    if (camera.recording) this.recorder(camera.id).configure(camera.recording);
    this.report(camera.id);
  }

  /** Each connection also reads the stored settings (a change made while the camera was away counts). */
  cameraStarted(cameraId: string, _info: VideoStreamInfo): void {
    this.recorder(cameraId).started();
    const version = this.versions.get(cameraId) ?? 0;
    this.deps.cameras
      .findById(cameraId)
      .then((camera) => {
        // A change given meanwhile is newer than what was read.
        if (camera && (this.versions.get(cameraId) ?? 0) === version && this.recorders.has(cameraId)) this.configure(camera);
      })
      .catch((error: unknown) => this.deps.log.warn(`camera ${cameraId}: recording settings not read: ${String(error)}`));
  }

  unit(cameraId: string, unit: EncodedVideoUnit): void {
    this.recorders.get(cameraId)?.unit(unit);
  }

  cameraStopped(cameraId: string): void {
    this.recorders.get(cameraId)?.stopped();
  }

  detections(cameraId: string, detections: LiveDetections): void {
    if (detections.boxes.length > 0) this.recorders.get(cameraId)?.activity(detections.capturedAt);
  }

  /** Every stored alert (pipeline and outside workers): a clip of the camera's video around it. */
  alertRaised(alert: Alert): void {
    this.recorders.get(alert.cameraId)?.alert(alert.alertId, alert.timestamp);
  }

  /** A deleted camera: its recorder goes, with its segments and clips. */
  async cameraRemoved(cameraId: string): Promise<void> {
    const recorder = this.recorders.get(cameraId);
    this.recorders.delete(cameraId);
    this.errors.delete(cameraId);
    this.versions.delete(cameraId);
    if (recorder) {
      recorder.stopped();
      await recorder.settled();
    }
    await this.deps.segments.deleteCamera(cameraId);
    await this.deps.clips.deleteCamera(cameraId);
  }

  /** Stops (a reason) or resumes (null) recording on every camera. */
  block(reason: string | null): void {
    if (reason === this.blocked) return;
    this.blocked = reason;
    for (const [cameraId, recorder] of this.recorders) {
      recorder.block(reason);
      this.report(cameraId);
    }
  }

  get blockedReason(): string | null {
    return this.blocked;
  }

  /** Why the camera does not record as set; null when it does. */
  recordingError(cameraId: string): string | null {
    return this.recorders.get(cameraId)?.recordingError ?? null;
  }

  /** Bytes of video held in memory for clips, all cameras. */
  preRollBytes(): number {
    let bytes = 0;
    for (const recorder of this.recorders.values()) bytes += recorder.preRollBytes;
    return bytes;
  }

  /** Shutdown: segments and clips under way end and are stored. */
  async close(): Promise<void> {
    for (const recorder of this.recorders.values()) recorder.stopped();
    await this.settled();
  }

  async settled(): Promise<void> {
    await Promise.all([...this.recorders.values()].map((r) => r.settled()));
  }

  private recorder(cameraId: string): CameraRecorder {
    let recorder = this.recorders.get(cameraId);
    if (!recorder) {
      recorder = new CameraRecorder(cameraId, {
        segments: this.deps.segments,
        clips: this.deps.clips,
        options: this.options,
        clipStored: (id, key, alertIds) => this.deps.clipStored(id, key, alertIds),
        writeFailed: (id, error) => this.writeFailed(id, error),
        warn: (message) => this.deps.log.warn(message),
      });
      recorder.block(this.blocked);
      this.recorders.set(cameraId, recorder);
    }
    return recorder;
  }

  private writeFailed(cameraId: string, error: Error): void {
    if (isDiskFull(error)) {
      if (!this.blocked) this.deps.log.warn(`${DISK_FULL} (camera ${cameraId}: ${error.message})`);
      this.block(DISK_FULL);
      this.deps.diskFull();
    } else {
      this.deps.log.warn(`camera ${cameraId}: ${error.message}`);
    }
    this.report(cameraId);
  }

  private report(cameraId: string): void {
    const error = this.recordingError(cameraId);
    if ((this.errors.get(cameraId) ?? null) === error) return;
    this.errors.set(cameraId, error);
    this.deps.recordingErrorChanged?.(cameraId, error);
  }
}
