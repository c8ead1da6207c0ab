import {
  startRtspCameraServer,
  type RtspCameraServer,
  type RtspCameraServerOptions,
  type RtspCameraServerStats,
} from '@argus/adapters/media/rtsp/camera-server';

// The server itself is a library piece (the ffmpeg adapter's tests use it too); these are the names the
// simulator's users know.
export type { CameraPathOptions } from '@argus/adapters/media/rtsp/camera-server';
export type CameraSimulatorOptions = RtspCameraServerOptions;
export type SimulatorStats = RtspCameraServerStats;
export type CameraSimulator = RtspCameraServer;

/** Starts an RTSP 1.0 server that plays H.264 clips as live cameras, with fault injection per path. */
export function startCameraSimulator(options: CameraSimulatorOptions): Promise<CameraSimulator> {
  return startRtspCameraServer(options);
}
