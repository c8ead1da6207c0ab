import type { EncodedVideoUnit, VideoStreamInfo } from './encoded-video';

export type RtspTransport = 'tcp' | 'udp';

export interface CameraFeedSpec {
  cameraId: string;
  /** Full rtsp(s) URL with credentials, already validated by RtspUrl. */
  url: string;
  transport: RtspTransport;
}

export interface CameraFeedListener {
  /** Stream parameters, once known (before or with the first unit). */
  info(info: VideoStreamInfo): void;
  unit(unit: EncodedVideoUnit): void;
  /** The feed ended: `reason` says why (credential-free), null when stopped on request. */
  ended(reason: string | null): void;
}

export interface CameraFeed {
  /** Ends the connection; resolves once the underlying process or socket is gone. */
  stop(): Promise<void>;
}

/** The single RTSP pull of a camera (an ffmpeg child in production). */
export interface CameraFeedConnector {
  connect(spec: CameraFeedSpec, listener: CameraFeedListener): CameraFeed;
}
