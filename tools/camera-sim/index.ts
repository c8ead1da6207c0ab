export { startCameraSimulator, type CameraSimulator, type CameraSimulatorOptions, type CameraPathOptions, type SimulatorStats } from './simulator';
export { ensureClips, ensureVisitsClip, VISIT_SECONDS, clipArguments, CLIP_FPS, CLIP_SECONDS, type SimulatorClips, type ClipKind } from './clip-generation';
export { readFrameCounter, FRAME_COUNTER_LAYOUT } from './frame-counter';
export { ffmpegFromEnvironment } from './ffmpeg-path';
export {
  loadClip,
  clipFromAnnexB,
  type Clip,
  type ClipFrame,
  type PathFault,
  type PathStats,
  type FrameSent,
  type CameraCredentials,
} from './rtsp-server';
