import type { ApiSchema } from '../api/api-types';

/** `GET /api/cameras/:id/live`. */
export type LiveView = ApiSchema<'LiveViewDto'>;

export type PlayerState = 'idle' | 'connecting' | 'playing' | 'failed' | 'closed';

/** The API said no: 409 (camera not streaming yet, try again later), 404, 401… */
export class LiveViewError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'LiveViewError';
  }

  /** Worth trying again shortly (the camera is starting, or the viewer limit was reached). */
  get retryable(): boolean {
    return this.status === 409 || this.status === 503 || this.status === 0;
  }
}

export interface WhepPlayerOptions {
  /** The user's JWT, read for every request (it may be renewed). */
  token: () => string | null;
  /** Origin of the Argus API; the page's own by default. */
  apiBase?: string;
  /** Longest wait for ICE candidates before the offer goes out anyway (peer-reflexive still works). */
  gatherTimeoutMs?: number;
  /**
   * A playing video whose time stands still this long counts as failed: a server that drops a
   * session (camera restart, gateway shutdown) is otherwise only noticed when ICE times out.
   */
  stallTimeoutMs?: number;
  onState?: (state: PlayerState, error?: Error) => void;
}

/**
 * Plays a camera over WebRTC with WHEP (RFC 9725): asks Argus where to connect, POSTs an SDP
 * offer with the user's bearer token, applies the answer, and DELETEs the session on stop.
 * Works the same against the embedded gateway and MediaMTX. Framework-free.
 */
export class WhepPlayer {
  private pc: RTCPeerConnection | null = null;
  private session: string | null = null;
  private state: PlayerState = 'idle';
  private watchdog: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly options: WhepPlayerOptions,
  ) {}

  get peerConnection(): RTCPeerConnection | null {
    return this.pc;
  }

  get status(): PlayerState {
    return this.state;
  }

  async play(cameraId: string): Promise<void> {
    await this.stop();
    this.setState('connecting');
    try {
      const live = await this.request<LiveView>(`/api/cameras/${encodeURIComponent(cameraId)}/live`, { method: 'GET' });
      await this.connect(live);
    } catch (error) {
      await this.stop();
      this.setState('failed', error as Error);
      throw error;
    }
  }

  /** Extra playout delay (ms) so pictures wait for their detections; false when unsupported. */
  setPlayoutDelay(ms: number): boolean {
    const receiver = this.pc?.getReceivers()[0] as (RTCRtpReceiver & { jitterBufferTarget?: number | null }) | undefined;
    if (!receiver || !('jitterBufferTarget' in receiver)) return false;
    receiver.jitterBufferTarget = ms;
    return true;
  }

  async stop(): Promise<void> {
    const pc = this.pc;
    const session = this.session;
    this.pc = null;
    this.session = null;
    if (pc) {
      pc.ontrack = null;
      pc.onconnectionstatechange = null;
      pc.close();
    }
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.video.srcObject = null;
    // keepalive: the DELETE still goes out when the page is being closed.
    if (session) {
      await fetch(session, { method: 'DELETE', headers: this.authHeaders(), keepalive: true }).catch(() => undefined);
    }
    if (pc) this.setState('closed');
  }

  private async connect(live: LiveView): Promise<void> {
    const pc = new RTCPeerConnection({ iceServers: live.iceServers, bundlePolicy: 'max-bundle' });
    this.pc = pc;
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.ontrack = (event) => {
      this.video.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      void this.video.play().catch(() => undefined);
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected' && this.state !== 'playing') {
        this.setState('playing');
        this.watchStalls(pc);
      }
      if (pc.connectionState === 'failed') this.setState('failed', new Error('the WebRTC connection failed'));
    };
    await pc.setLocalDescription(await pc.createOffer());
    await gatheringDone(pc, this.options.gatherTimeoutMs ?? 1000);
    const whepUrl = new URL(live.whepUrl, this.base()).toString();
    const response = await this.send(whepUrl, {
      method: 'POST',
      headers: { ...this.authHeaders(), 'Content-Type': 'application/sdp' },
      body: pc.localDescription?.sdp ?? '',
    });
    const location = response.headers.get('Location');
    if (location) this.session = new URL(location, whepUrl).toString();
    if (this.pc !== pc) return; // stopped meanwhile
    await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
  }

  private watchStalls(pc: RTCPeerConnection): void {
    const limit = this.options.stallTimeoutMs ?? 5000;
    let lastTime = this.video.currentTime;
    let lastChange = Date.now();
    this.watchdog = setInterval(() => {
      if (this.pc !== pc) return;
      if (this.video.currentTime !== lastTime) {
        lastTime = this.video.currentTime;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > limit) {
        if (this.watchdog) clearInterval(this.watchdog);
        this.watchdog = null;
        this.setState('failed', new Error(`no picture for ${Math.round(limit / 1000)} s`));
      }
    }, 1000);
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    const response = await this.send(new URL(path, this.base()).toString(), { ...init, headers: this.authHeaders() });
    return (await response.json()) as T;
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      throw new LiveViewError(0, `network error: ${(error as Error).message}`);
    }
    if (!response.ok) throw new LiveViewError(response.status, await errorMessage(response));
    return response;
  }

  private authHeaders(): Record<string, string> {
    const token = this.options.token();
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  private base(): string {
    return this.options.apiBase ?? window.location.origin;
  }

  private setState(state: PlayerState, error?: Error): void {
    this.state = state;
    this.options.onState?.(state, error);
  }
}

/** Resolves when ICE gathering completes, or after `timeoutMs` (whatever was gathered goes out). */
function gatheringDone(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    function done(): void {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    }
    function check(): void {
      if (pc.iceGatheringState === 'complete') done();
    }
    pc.addEventListener('icegatheringstatechange', check);
  });
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // not JSON (e.g. MediaMTX's plain-text errors)
  }
  return `HTTP ${response.status}`;
}
