import {
  startRtspCameraServer,
  type RtspCameraServer,
  type RtspCameraServerOptions,
  type RtspCameraServerStats,
} from './rtsp-server';

// The server itself lives in ./rtsp-server (the ffmpeg adapter's tests pull from it too, through
// tools/testing/media/test-camera); these are the names the simulator's users know.
export type { CameraPathOptions } from './rtsp-server';
export type CameraSimulatorOptions = RtspCameraServerOptions;
export type SimulatorStats = RtspCameraServerStats;
export type CameraSimulator = RtspCameraServer;

/** Starts an RTSP 1.0 server that plays H.264 clips as live cameras, with fault injection per path. */
export function startCameraSimulator(options: CameraSimulatorOptions): Promise<CameraSimulator> {
  return startRtspCameraServer(options);
}
