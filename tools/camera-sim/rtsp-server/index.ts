/**
 * An RTSP 1.0 server that plays clips as live cameras, with faults per path: the camera simulator's core
 * (tools/camera-sim adds the CLI and the clips) and the camera the ffmpeg adapter's tests pull from
 * (tools/testing/media/test-camera). Nothing in the running application imports it.
 */
export {
  startRtspCameraServer,
  type RtspCameraServer,
  type RtspCameraServerOptions,
  type RtspCameraServerStats,
  type CameraPathOptions,
} from './camera-server';
export { loadClip, clipFromAnnexB, clipFromAccessUnits, type Clip, type ClipCodec, type ClipFrame, type ClipOptions, type H264Clip, type H265Clip } from './clip';
export type { PathFault, PathStats } from './faults';
export type { FrameSent } from './clip-stream';
export type { CameraCredentials } from './rtsp-auth';
