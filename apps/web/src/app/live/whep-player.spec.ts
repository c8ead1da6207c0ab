import { LiveViewError, WhepPlayer, type PlayerState } from './whep-player';

/** Just enough of RTCPeerConnection for the signalling path. */
class FakePeerConnection {
  static last: FakePeerConnection;
  iceGatheringState = 'complete';
  connectionState = 'new';
  localDescription: { sdp: string } | null = null;
  remote: { type: string; sdp: string } | null = null;
  closed = false;
  ontrack: unknown = null;
  onconnectionstatechange: (() => void) | null = null;
  constructor(readonly config: RTCConfiguration) {
    FakePeerConnection.last = this;
  }
  addTransceiver() {
    return {};
  }
  async createOffer() {
    return { type: 'offer', sdp: 'v=0\r\noffer\r\n' };
  }
  async setLocalDescription(d: { sdp: string }) {
    this.localDescription = d;
  }
  async setRemoteDescription(d: { type: string; sdp: string }) {
    this.remote = d;
  }
  getReceivers() {
    return [{ jitterBufferTarget: null }];
  }
  // ICE gathering is already complete: nobody needs to hear about it.
  addEventListener = jest.fn();
  removeEventListener = jest.fn();
  close() {
    this.closed = true;
  }
}

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(responses: Array<() => Response>): { calls: Call[]; fetch: typeof fetch } {
  const calls: Call[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new Error(`unexpected request ${url}`);
    return next();
  }) as unknown as typeof fetch;
  return { calls, fetch: fetchFn };
}

/** jsdom has no fetch Response: the few members the player reads. */
function response(status: number, body: string | null, headers: Record<string, string> = {}): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: { get: (name: string) => headers[name] ?? null },
    text: async () => body ?? '',
    json: async () => JSON.parse(body ?? ''),
  } as unknown as Response;
}
const json = (status: number, body: unknown) => () => response(status, JSON.stringify(body));

describe('WhepPlayer', () => {
  const realFetch = globalThis.fetch;
  const video = document.createElement('video');
  const states: PlayerState[] = [];
  const player = () => new WhepPlayer(video, { token: () => 'jwt-1', apiBase: 'http://argus.test', onState: (s) => states.push(s) });

  beforeAll(() => {
    (globalThis as unknown as { RTCPeerConnection: unknown }).RTCPeerConnection = FakePeerConnection;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
    states.length = 0;
  });

  it('asks /live, POSTs the offer with the bearer token, applies the answer and DELETEs on stop', async () => {
    const { calls, fetch } = fakeFetch([
      json(200, { whepUrl: '/api/cameras/c1/whep', iceServers: [{ urls: 'stun:s.example.org' }] }),
      () => response(201, 'v=0\r\nanswer\r\n', { Location: '/api/cameras/c1/whep/s-1' }),
      () => response(204, null),
    ]);
    globalThis.fetch = fetch;
    const p = player();
    await p.play('c1');
    expect(calls[0].url).toBe('http://argus.test/api/cameras/c1/live');
    expect(calls[0].init.headers).toEqual({ Authorization: 'Bearer jwt-1' });
    expect(FakePeerConnection.last.config.iceServers).toEqual([{ urls: 'stun:s.example.org' }]);
    expect(calls[1]).toMatchObject({
      url: 'http://argus.test/api/cameras/c1/whep',
      init: { method: 'POST', body: 'v=0\r\noffer\r\n', headers: { Authorization: 'Bearer jwt-1', 'Content-Type': 'application/sdp' } },
    });
    expect(FakePeerConnection.last.remote).toEqual({ type: 'answer', sdp: 'v=0\r\nanswer\r\n' });
    expect(p.setPlayoutDelay(120)).toBe(true);
    await p.stop();
    expect(calls[2]).toMatchObject({ url: 'http://argus.test/api/cameras/c1/whep/s-1', init: { method: 'DELETE' } });
    expect(FakePeerConnection.last.closed).toBe(true);
    expect(states).toEqual(['connecting', 'closed']);
  });

  it('resolves an absolute WHEP URL (MediaMTX) and a Location relative to it', async () => {
    const { calls, fetch } = fakeFetch([
      json(200, { whepUrl: 'http://mtx.test:8889/c1/whep', iceServers: [] }),
      () => response(201, 'v=0\r\n', { Location: '/c1/whep/abc' }),
      () => response(200, null),
    ]);
    globalThis.fetch = fetch;
    const p = player();
    await p.play('c1');
    expect(calls[1].url).toBe('http://mtx.test:8889/c1/whep');
    await p.stop();
    expect(calls[2].url).toBe('http://mtx.test:8889/c1/whep/abc');
  });

  it('fails a playing session whose picture stands still (the server dropped it), not a moving one', async () => {
    jest.useFakeTimers();
    try {
      const responses = () => [
        json(200, { whepUrl: '/api/cameras/c1/whep', iceServers: [] }),
        () => response(201, 'v=0\r\n', { Location: '/api/cameras/c1/whep/s-1' }),
        () => response(204, null),
      ];
      let time = 0;
      Object.defineProperty(video, 'currentTime', { configurable: true, get: () => time });
      globalThis.fetch = fakeFetch(responses()).fetch;
      const p = new WhepPlayer(video, { token: () => 't', apiBase: 'http://argus.test', stallTimeoutMs: 3000, onState: (s) => states.push(s) });
      await p.play('c1');
      FakePeerConnection.last.connectionState = 'connected';
      FakePeerConnection.last.onconnectionstatechange?.();
      for (let i = 0; i < 5; i++) {
        time += 1;
        await jest.advanceTimersByTimeAsync(1000);
      }
      expect(states).toEqual(['connecting', 'playing']);
      await jest.advanceTimersByTimeAsync(5000);
      expect(states).toEqual(['connecting', 'playing', 'failed']);
      await p.stop();
    } finally {
      jest.useRealTimers();
      delete (video as unknown as { currentTime?: number }).currentTime;
    }
  });

  it('reports a camera that is not streaming yet as a retryable error', async () => {
    globalThis.fetch = fakeFetch([json(409, { statusCode: 409, message: 'The camera is not streaming yet' })]).fetch;
    const error = await player().play('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveViewError);
    expect(error).toMatchObject({ status: 409, retryable: true, message: 'The camera is not streaming yet' });
    expect(states).toEqual(['connecting', 'failed']);
  });

  it('does not retry a camera the user may not see', async () => {
    globalThis.fetch = fakeFetch([json(404, { statusCode: 404, message: 'Camera not found' })]).fetch;
    const error = (await player().play('c1').catch((e: unknown) => e)) as LiveViewError;
    expect(error.retryable).toBe(false);
  });
});
