import type { Camera } from '../cameras/camera';

/** A camera that should run somewhere: enabled and not stopped by a user (as `resume` decides). */
export function wantsToRun(camera: Camera): boolean {
  return camera.enabled && camera.status !== 'stopped';
}

/** The camera's worker label (null: any worker). */
export function workerLabelOf(camera: Camera): string | null {
  const label = (camera as { workerLabel?: unknown }).workerLabel;
  return typeof label === 'string' && label ? label : null;
}

/** What the running side of a camera depends on: all but its status, its node and its timestamps. */
function runSettings(camera: Camera): string {
  const { status: _s, lastError: _e, updatedAt: _u, createdAt: _c, ...rest } = camera as Camera & { node?: unknown };
  const { node: _n, ...settings } = rest as typeof rest & { node?: unknown };
  return JSON.stringify(Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** How a running camera must follow a stored change: not at all, live, or by a new pull. */
export function changeFor(running: Camera, stored: Camera): 'none' | 'reconfigure' | 'restart' {
  if (running.rtspUrl !== stored.rtspUrl) return 'restart';
  return runSettings(running) === runSettings(stored) ? 'none' : 'reconfigure';
}
