import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the camera collectors read on each scrape (the running side: CameraRuntime). */
export interface CameraCountersSource {
  activeCameraIds(): string[];
  counters(cameraId: string): Record<CameraCounterName, number> | null;
}

export type CameraCounterName =
  | 'unitsIn'
  | 'framesDecoded'
  | 'motionSkipped'
  | 'processed'
  | 'skipped'
  | 'failed'
  | 'alerts'
  | 'reconnects'
  | 'processingFps'
  | 'objectsProcessed'
  | 'objectsSkipped'
  | 'objectAlerts';

/** Per-camera counters: Prometheus name and help for each field of the runtime's counters. */
const CAMERA_COUNTERS: Array<[CameraCounterName, string, string]> = [
  ['unitsIn', 'argus_camera_frames_in_total', 'Encoded video frames received from the camera'],
  ['framesDecoded', 'argus_camera_frames_decoded_total', 'Frames decoded for processing'],
  ['processed', 'argus_camera_frames_processed_total', 'Frames that went through face detection'],
  ['skipped', 'argus_camera_frames_skipped_total', 'Frames dropped because a newer one replaced them before the detector was free'],
  ['motionSkipped', 'argus_camera_frames_motion_skipped_total', 'Frames not sent to the detector because nothing moved'],
  ['failed', 'argus_camera_detection_failures_total', 'Frames whose detection failed (worker crash, timeout, full queue)'],
  ['alerts', 'argus_camera_alerts_total', 'Face alerts raised by the pipeline since the camera was started'],
  ['reconnects', 'argus_camera_reconnects_total', 'Reconnections to the camera'],
  ['objectsProcessed', 'argus_camera_object_frames_processed_total', 'Frames that went through object detection (cameras that ask for objects)'],
  ['objectsSkipped', 'argus_camera_object_frames_skipped_total', 'Object frames dropped because a newer one replaced them before the detector was free'],
  ['objectAlerts', 'argus_camera_object_alerts_total', 'Object alerts raised by the pipeline since the camera was started'],
];

/** The detection pool as seen from metrics and health. */
export interface DetectionPoolView {
  /** Frames waiting for a free worker; null while the pool is not started. */
  queueSize(): number | null;
  threads(): number | null;
}

/**
 * The application's Prometheus registry. One per app instance (not prom-client's global one), so
 * several apps in one process (tests) don't collide. Camera series are labelled by camera id:
 * names can change, ids don't. Counters restart at 0 when a camera is started again (Prometheus
 * handles counter resets) and disappear while it is stopped.
 */
export class ArgusMetrics {
  readonly registry = new Registry();
  readonly detectionSeconds: Histogram;
  readonly objectDetectionSeconds: Histogram;
  readonly detectionErrors: Counter;
  readonly detectionInFlight: Gauge;
  /** Every alert stored and published (pipeline and `POST /api/alerts`), by camera id; never reset. */
  readonly alertsCreated: Counter<'camera'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.detectionSeconds = new Histogram({
      name: 'argus_detection_duration_seconds',
      help: 'Time from handing a frame to the detection pool to its result (queue wait included)',
      buckets: [0.0025, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56],
      registers: [this.registry],
    });
    this.objectDetectionSeconds = new Histogram({
      name: 'argus_object_detection_duration_seconds',
      help: 'Time from handing an object frame to the detection pool to its result (queue wait included)',
      buckets: [0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12],
      registers: [this.registry],
    });
    this.detectionErrors = new Counter({ name: 'argus_detection_errors_total', help: 'Detection calls that failed', registers: [this.registry] });
    this.alertsCreated = new Counter({
      name: 'argus_alerts_created_total',
      help: 'Alerts stored and published, from the pipeline and from POST /api/alerts (not reset when a camera restarts)',
      labelNames: ['camera'],
      registers: [this.registry],
    });
    this.detectionInFlight = new Gauge({ name: 'argus_detection_in_flight', help: 'Frames handed to the detection pool and not settled', registers: [this.registry] });
  }

  /** Per-camera counters and processing FPS, read from the runtime at scrape time. */
  watchCameras(source: CameraCountersSource): void {
    const snapshot = () =>
      source.activeCameraIds().flatMap((camera) => {
        const counters = source.counters(camera);
        return counters ? [{ camera, counters }] : [];
      });
    for (const [field, name, help] of CAMERA_COUNTERS) {
      new Counter({
        name,
        help,
        labelNames: ['camera'],
        registers: [this.registry],
        collect() {
          this.reset();
          for (const { camera, counters } of snapshot()) this.inc({ camera }, counters[field]);
        },
      });
    }
    this.gauge('argus_camera_processing_fps', 'Measured processing FPS of a running camera', ['camera'], (g) => {
      for (const { camera, counters } of snapshot()) g.set({ camera }, counters.processingFps);
    });
    this.gauge('argus_cameras_active', 'Cameras with a running stream session (connected or reconnecting)', [], (g) => {
      g.set(source.activeCameraIds().length);
    });
  }

  watchDetectionPool(pool: DetectionPoolView): void {
    this.gauge('argus_detection_pool_queue_depth', 'Frames waiting for a free detection worker', [], (g) => g.set(pool.queueSize() ?? 0));
    this.gauge('argus_detection_pool_threads', 'Detection worker threads (0 until the pool is started)', [], (g) => g.set(pool.threads() ?? 0));
  }

  watchSocketClients(count: () => number): void {
    this.gauge('argus_socket_clients', 'Connected socket.io clients', [], (g) => g.set(count()));
  }

  /** Text exposition format for a scrape. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private gauge(name: string, help: string, labelNames: string[], fill: (gauge: Gauge) => void): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        fill(this);
      },
    });
  }
}
