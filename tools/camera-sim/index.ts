export { startCameraSimulator, type CameraSimulator, type CameraSimulatorOptions, type CameraPathOptions, type SimulatorStats } from './simulator';
export { ensureClips, clipArguments, CLIP_FPS, CLIP_SECONDS, type SimulatorClips, type ClipKind } from './clip-generation';
export { loadClip, clipFromAnnexB, type Clip, type ClipFrame } from './clip';
export { readFrameCounter, FRAME_COUNTER_LAYOUT } from './frame-counter';
export { locateFfmpeg } from '@argus/adapters/media/ffmpeg/ffmpeg-binary';
export type { PathFault, PathStats } from './faults';
export type { FrameSent } from './clip-stream';
export type { CameraCredentials } from './rtsp-auth';
