import { sameZones } from '../../zones/zone';
import type { Camera } from '../camera';
import { publishCameraState } from '../camera-events';
import type { CameraDeps } from './camera-deps';

export type ApplyToStreamDeps = Pick<CameraDeps, 'cameras' | 'publisher' | 'clock' | 'streams'>;

/**
 * Brings a running stream in line with changed settings: a disabled camera stops, a new address
 * restarts the pull, detection, FPS and zones are applied live. Returns the camera as stored afterwards.
 */
export async function applyToStream(deps: ApplyToStreamDeps, before: Camera, after: Camera): Promise<Camera> {
  const { streams } = deps;
  if (!streams.isActive(after.id)) {
    if (before.fps !== after.fps || before.status !== after.status) publishCameraState(deps.publisher, deps.clock, after);
    return after;
  }
  if (!after.enabled) {
    await streams.stop(after.id);
  } else if (before.rtspUrl !== after.rtspUrl) {
    await streams.stop(after.id);
    await streams.start(after);
  } else if (before.fps !== after.fps || before.detectionEnabled !== after.detectionEnabled || !sameZones(before.zones, after.zones)) {
    await streams.reconfigure(after);
  }
  return (await deps.cameras.findById(after.id)) ?? after;
}
