import type { EncodedVideoUnit } from '@argus/domain';
import { NalType, nalType, toAnnexB } from '../h264';
import { MAIN_360P_PPS, MAIN_360P_SPS, sliceNal } from '../h264/h264-samples.testing';
import { MediamtxLiveHub } from './mediamtx-hub';
import type { RtspPublisher } from './rtsp-publisher';

const INFO = { codec: 'h264' as const, width: 640, height: 360, transcoded: false };

function unit(i: number, gop = 5): EncodedVideoUnit {
  const key = i % gop === 0;
  const nals = key ? [MAIN_360P_SPS, MAIN_360P_PPS, sliceNal(5, 0, 100, 0x41)] : [sliceNal(1, 0, 50, 0x42)];
  return { data: toAnnexB(nals), pts90k: i * 6000, keyframe: key, receivedAt: 1000 + i };
}

/** A publisher double: records what is sent, can be closed "by the server". */
class FakePublisher {
  sent: Array<{ types: number[]; pts: number; keyframe: boolean }> = [];
  closed = false;
  private listeners: Array<(reason: string) => void> = [];
  send(nals: Uint8Array[], pts90k: number, keyframe: boolean): boolean {
    this.sent.push({ types: nals.map(nalType), pts: pts90k, keyframe });
    return true;
  }
  onClosed(listener: (reason: string) => void) {
    this.listeners.push(listener);
  }
  async close() {
    this.closed = true;
  }
  dropByServer() {
    this.listeners.forEach((l) => l('the server closed the connection'));
  }
}

describe('MediamtxLiveHub', () => {
  let opened: Array<{ url: string; publisher: FakePublisher }>;
  let refuse: boolean;
  const hub = () =>
    new MediamtxLiveHub({
      rtspUrl: 'rtsp://mediamtx:8554',
      webrtcUrl: 'http://localhost:8889/',
      publisher: { username: 'argus-publisher', password: 's3cret' },
      retryMinMs: 1000,
      open: async (url) => {
        if (refuse) throw new Error('ANNOUNCE refused (401)');
        const publisher = new FakePublisher();
        opened.push({ url, publisher });
        return publisher as unknown as RtspPublisher;
      },
    });
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  beforeEach(() => {
    opened = [];
    refuse = false;
  });

  it('publishes a camera at MEDIAMTX_URL/<id> from its first keyframe, with the publisher credentials', async () => {
    const h = hub();
    h.cameraStarted('cam-1', INFO);
    h.unit('cam-1', unit(1)); // no keyframe yet: nothing to announce
    expect(opened).toHaveLength(0);
    h.unit('cam-1', unit(5));
    await settle();
    expect(opened.map((o) => o.url)).toEqual(['rtsp://argus-publisher:s3cret@mediamtx:8554/cam-1']);
    expect(h.isLive('cam-1')).toBe(true);
    h.unit('cam-1', unit(6)); // not a keyframe: a push starts at one
    h.unit('cam-1', unit(10));
    h.unit('cam-1', unit(11));
    expect(opened[0].publisher.sent.map((s) => s.pts)).toEqual([60_000, 66_000]);
    expect(opened[0].publisher.sent[0].types).toEqual([NalType.Sps, NalType.Pps, NalType.Idr]);
    expect(h.whepUrl('cam-1')).toBe('http://localhost:8889/cam-1/whep');
    h.cameraStopped('cam-1');
    await settle();
    expect(opened[0].publisher.closed).toBe(true);
    expect(h.isLive('cam-1')).toBe(false);
  });

  it('reconnects after the server dropped the push, at the next keyframe after a pause', async () => {
    jest.useFakeTimers();
    try {
      const h = hub();
      h.cameraStarted('cam-1', INFO);
      h.unit('cam-1', unit(0));
      await Promise.resolve();
      await Promise.resolve();
      opened[0].publisher.dropByServer();
      expect(h.isLive('cam-1')).toBe(false);
      h.unit('cam-1', unit(5));
      expect(opened).toHaveLength(1); // still waiting out the pause
      jest.advanceTimersByTime(1000);
      h.unit('cam-1', unit(10));
      await Promise.resolve();
      await Promise.resolve();
      expect(opened).toHaveLength(2);
      expect(h.isLive('cam-1')).toBe(true);
      await h.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('is not live while MediaMTX refuses the push', async () => {
    refuse = true;
    const h = hub();
    h.cameraStarted('cam-1', INFO);
    h.unit('cam-1', unit(0));
    await settle();
    expect(h.isLive('cam-1')).toBe(false);
    await h.close();
  });
});
