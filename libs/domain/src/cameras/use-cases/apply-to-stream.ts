import { sameZones } from '../../zones/zone';
import { sameLabels } from '../camera-objects';
import { sameRecording } from '../camera-recording';
import type { Camera } from '../camera';
import { publishCameraState } from '../camera-events';
import type { CameraDeps } from './camera-deps';

export type ApplyToStreamDeps = Pick<CameraDeps, 'cameras' | 'publisher' | 'clock' | 'streams'>;

/**
 * Brings a running stream in line with changed settings: a disabled camera stops, a new address
 * (or detection stream, or placement label) restarts the pull; detection, FPS, zones, object labels and
 * recording are applied live. Returns the camera as stored afterwards.
 */
export async function applyToStream(deps: ApplyToStreamDeps, before: Camera, after: Camera): Promise<Camera> {
  const { streams } = deps;
  if (!streams.isActive(after.id)) {
    if (before.fps !== after.fps || before.status !== after.status) publishCameraState(deps.publisher, deps.clock, after);
    return after;
  }
  if (!after.enabled) {
    await streams.stop(after.id);
  } else if (before.rtspUrl !== after.rtspUrl || (before.detectRtspUrl ?? null) !== (after.detectRtspUrl ?? null) || (before.workerLabel ?? null) !== (after.workerLabel ?? null)) {
    await streams.stop(after.id);
    await streams.start(after);
  } else if (settingsChanged(before, after)) {
    await streams.reconfigure(after);
  }
  return (await deps.cameras.findById(after.id)) ?? after;
}

function settingsChanged(before: Camera, after: Camera): boolean {
  return (
    before.fps !== after.fps ||
    before.detectionEnabled !== after.detectionEnabled ||
    !sameZones(before.zones, after.zones) ||
    !sameLabels(before.objects, after.objects) ||
    !sameRecording(before.recording, after.recording)
  );
}
