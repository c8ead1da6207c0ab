import { StreamType } from '@argus/adapters/media/container';
import { NalType, nalType, splitAnnexB, type AccessUnit } from '@argus/adapters/media/h264';
import { clipFromAccessUnits, startRtspCameraServer, type Clip, type FrameSent, type RtspCameraServer } from '../../camera-sim/rtsp-server';
import { demuxAll } from './test-clip';

export interface TestCameraOptions {
  /** An MPEG-TS clip (H.264 or H.265), served in a loop in real time. */
  clip: Uint8Array;
  /** Answer every DESCRIBE with 401, whatever the credentials (a camera with a wrong password). */
  rejectCredentials?: boolean;
  /** Send the parameter sets only in the SDP, never in band, as many cameras do. */
  parameterSetsInSdpOnly?: boolean;
  /**
   * Repeat SPS/PPS in front of every slice of an IDR picture, as GStreamer's rtph264pay does with
   * config-interval=-1 when the encoder cuts pictures into several slices.
   */
  parameterSetsBeforeEverySlice?: boolean;
}

const PATH = 'live';

/** The MPEG-TS clip's access units as a camera server clip, at the rate of its timestamps. */
function cameraClip(ts: Uint8Array, sdpOnly: boolean, setsBeforeEverySlice: boolean): Clip {
  const units = demuxAll(ts);
  const fps = units.length > 1 ? 90_000 / (units[1].pts90k - units[0].pts90k) : undefined;
  const codec = units[0]?.streamType === StreamType.H265 ? 'h265' : 'h264';
  let accessUnits = units.map((unit) => splitAnnexB(unit.data));
  if (setsBeforeEverySlice) accessUnits = accessUnits.map(withSetsBeforeEveryIdrSlice);
  return clipFromAccessUnits(accessUnits, { codec, fps, parameterSets: sdpOnly ? 'sdp-only' : 'in-band' });
}

/** SPS and PPS again in front of the second and later IDR slices of a picture. */
function withSetsBeforeEveryIdrSlice(unit: AccessUnit): AccessUnit {
  const sps = unit.find((nal) => nalType(nal) === NalType.Sps);
  const pps = unit.find((nal) => nalType(nal) === NalType.Pps);
  if (!sps || !pps) return unit;
  let slices = 0;
  return unit.flatMap((nal) => (nalType(nal) === NalType.Idr && slices++ > 0 ? [sps, pps, nal] : [nal]));
}

/** One camera on the camera server (media/rtsp) for the feed's tests, with what they ask of it. */
export class TestCamera {
  /** Send time of each frame by its offset from the session's first (90 kHz), latest session. */
  private readonly sentAt = new Map<number, number>();
  private session = { id: '', firstTimestamp: 0 };

  private constructor(private readonly server: RtspCameraServer) {}

  static async start(options: TestCameraOptions): Promise<TestCamera> {
    let camera: TestCamera | null = null;
    const server = await startRtspCameraServer({
      paths: { [PATH]: { clip: cameraClip(options.clip, options.parameterSetsInSdpOnly ?? false, options.parameterSetsBeforeEverySlice ?? false) } },
      // The tests' URLs never carry this password.
      auth: options.rejectCredentials ? { username: 'admin', password: 'not-the-camera-password', scheme: 'basic' } : undefined,
      onFrameSent: (frame) => camera?.frameSent(frame),
    });
    camera = new TestCamera(server);
    return camera;
  }

  /** Open client connections. */
  get clients(): number {
    return this.server.stats().connections;
  }

  /** The stream's URL, optionally with `user:password` credentials. */
  url(credentials?: string): string {
    return `rtsp://${credentials ? `${credentials}@` : ''}127.0.0.1:${this.server.port}/${PATH}`;
  }

  /**
   * When the frame at `offset90k` from the start of the stream was sent (latest session). With
   * RTP-Info in the PLAY reply, ffmpeg's PTS for a unit is exactly this offset.
   */
  frameSentAt(offset90k: number): number | undefined {
    return this.sentAt.get(offset90k);
  }

  /** Stops sending media but keeps the connections open: a camera that hangs. */
  stall(): void {
    this.server.setFault(PATH, { stall: true });
  }

  /** Closes every client connection at once: a camera that drops (and is back at once). */
  dropClients(): void {
    this.server.down(PATH, 0);
  }

  close(): Promise<void> {
    return this.server.stop();
  }

  private frameSent(frame: FrameSent): void {
    if (frame.sessionId !== this.session.id) {
      this.session = { id: frame.sessionId, firstTimestamp: frame.rtpTimestamp };
      this.sentAt.clear();
    }
    this.sentAt.set((frame.rtpTimestamp - this.session.firstTimestamp) >>> 0, frame.sentAt);
  }
}
