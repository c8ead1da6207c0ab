import type { Camera } from '../cameras/camera';
import type { CameraStreamController } from './camera-stream-controller';
import type { CameraCounters, CameraRuntimeDeps } from './camera-runtime-deps';
import { CameraSession } from './camera-session';

/**
 * All running cameras. Implements the controller the camera use cases call (start, stop,
 * reconfigure) and resumes, at start-up, the cameras that were running when Argus stopped.
 */
export class CameraRuntime implements CameraStreamController {
  private readonly sessions = new Map<string, CameraSession>();

  constructor(private readonly deps: CameraRuntimeDeps) {}

  async start(camera: Camera): Promise<void> {
    const existing = this.sessions.get(camera.id);
    // Start on a camera waiting to reconnect means "try now".
    if (existing && !existing.waiting) return;
    // The old session is replaced before anything is awaited: two starts arriving together
    // (a double click) must not both create a session and leave one running unreachable.
    const stopping = existing ? existing.stop({ keepStatus: true }).then(() => existing.statusSettled()) : null;
    const session = new CameraSession(camera, this.deps);
    this.sessions.set(camera.id, session);
    session.start();
    await stopping;
    await session.statusSettled();
  }

  async stop(cameraId: string, options: { keepStatus?: boolean } = {}): Promise<void> {
    const session = this.sessions.get(cameraId);
    if (!session) return;
    this.sessions.delete(cameraId);
    await session.stop(options);
    await session.statusSettled();
  }

  async reconfigure(camera: Camera): Promise<void> {
    this.sessions.get(camera.id)?.reconfigure(camera);
  }

  isActive(cameraId: string): boolean {
    return this.sessions.has(cameraId);
  }

  activeCameraIds(): string[] {
    return [...this.sessions.keys()];
  }

  counters(cameraId: string): CameraCounters | null {
    return this.sessions.get(cameraId)?.counters() ?? null;
  }

  /** Cameras left running (enabled, not stopped by a user) are started again. */
  async resume(cameras: Camera[]): Promise<number> {
    const due = cameras.filter((c) => c.enabled && c.status !== 'stopped');
    for (const camera of due) await this.start(camera);
    return due.length;
  }

  /** Shutdown: every stream stopped, statuses left as they were so they resume next time. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.stop(id, { keepStatus: true })));
  }
}
