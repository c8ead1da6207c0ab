/** Misbehaviour a simulated camera (one path) can be told to show. */
export interface PathFault {
  /** Close each client connection this many ms after it connected (the stream "drops"). */
  dropAfterMs?: number;
  /** Keep the connection and answer requests, but send no RTP (a frozen encoder). */
  stall?: boolean;
  /** Refuse clients: true answers every request with 503, 'reset' closes the connection unanswered. */
  refuse?: boolean | 'reset';
  /** The camera is gone: its connections are cut and new ones closed unanswered until it comes back. */
  down?: boolean;
  /** Lie: 'rtsp' answers requests with non-RTSP bytes, 'rtp' sends corrupted packets. */
  garbage?: 'rtsp' | 'rtp' | false;
}

/** Counters of one path, for tests and the CLI. */
export interface PathStats {
  /** Sessions currently set up. */
  sessions: number;
  /** Sessions currently playing. */
  playing: number;
  connections: number;
  framesSent: number;
  packetsSent: number;
  bytesSent: number;
  /** Frames not sent because of a stall, a pause, a slow TCP client or while waiting for a keyframe. */
  framesHeld: number;
  refused: number;
  dropped: number;
}

export function emptyPathStats(): PathStats {
  return { sessions: 0, playing: 0, connections: 0, framesSent: 0, packetsSent: 0, bytesSent: 0, framesHeld: 0, refused: 0, dropped: 0 };
}
