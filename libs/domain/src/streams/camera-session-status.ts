import type { CameraStatus } from '../cameras/camera';

/** The status of one pull, as its supervisor reported it last. */
export interface PullStatus {
  status: CameraStatus;
  error?: string;
}

/**
 * The camera's status from its pulls' (`detection` is null when the camera has no detection stream
 * or detection is off): `stopped` with the main pull; else `error` when a pull failed, the reason
 * naming which one when there are two; else `starting` while a pull connects; else `running`.
 */
export function cameraStatusOf(main: PullStatus, detection: PullStatus | null): PullStatus {
  if (main.status === 'stopped') return { status: 'stopped' };
  const failures: string[] = [];
  if (main.status === 'error') failures.push(detection ? `main stream: ${main.error ?? 'failed'}` : (main.error ?? 'failed'));
  if (detection?.status === 'error') failures.push(`detection stream: ${detection.error ?? 'failed'}`);
  if (failures.length > 0) return { status: 'error', error: failures.join('. ') };
  if (main.status === 'starting' || detection?.status === 'starting') return { status: 'starting' };
  return { status: 'running' };
}

export function samePullStatus(a: PullStatus | null, b: PullStatus): boolean {
  return a !== null && a.status === b.status && (a.error ?? null) === (b.error ?? null);
}
