import type { Response } from 'superagent';
import { Recorder, type CameraRepository, type EncodedVideoUnit } from '@argus/domain';
import { CAMERA_REPOSITORY } from '../../src/persistence/tokens';
import type { TestApp } from '../../src/testing/test-app';
import { anyFfmpeg } from '@argus/tools/testing/media/ffmpeg-binaries';
import { makeCameraUnits } from '@argus/tools/testing/media/camera-units';

/**
 * A cap on recordings for the suites that are not about retention: without one, Argus keeps a tenth
 * of the disk free and would stop recording on a host whose disk is fuller than that.
 */
export const RECORDING_CAP = { RECORDINGS_MAX_GB: '20' };

export const RECORDED_INFO = { codec: 'h264' as const, width: 320, height: 240, transcoded: false };

/** `seconds` of a 320×240, 15 fps camera (a keyframe every second), received in real time from `startAt`. */
export function cameraUnits(seconds: number, startAt: number): Promise<EncodedVideoUnit[]> {
  return makeCameraUnits(anyFfmpeg(), { width: 320, height: 240, fps: 15, seconds, gop: 15 }, startAt);
}

/**
 * Hands units to the recorder as a running camera's stream does: started (with the camera's stored
 * settings, as the runtime gives them on start), the units, and stopped unless `keepOpen`.
 */
export async function feedRecorder(t: TestApp, cameraId: string, units: EncodedVideoUnit[], options: { keepOpen?: boolean; started?: boolean } = {}): Promise<void> {
  const recorder = t.app.get(Recorder);
  if (!options.started) {
    const camera = await t.app.get<CameraRepository>(CAMERA_REPOSITORY).findById(cameraId);
    if (camera) recorder.configure(camera);
    recorder.cameraStarted(cameraId, RECORDED_INFO);
  }
  for (const unit of units) recorder.unit(cameraId, unit);
  if (!options.keepOpen) recorder.cameraStopped(cameraId);
}

/** supertest's `.parse()` for a binary answer (an MP4): the body as one Buffer. */
export function binaryParser(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
