import { DetectionTimeline, type DetectionsEvent } from './detection-timeline';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const FRAME = 6000; // 15 fps

function event(frame: number, boxes: Array<[number, number]>, withPts = true): DetectionsEvent {
  return {
    cameraId: 'c1',
    ts: new Date(T0 + (frame * 1000) / 15).toISOString(),
    ...(withPts ? { pts90k: 90_000 + frame * FRAME } : {}),
    frameWidth: 640,
    frameHeight: 360,
    boxes: boxes.map(([x, y]) => ({ x, y, width: 50, height: 60, score: 0.9 })),
  };
}
const rtp = (frame: number) => 90_000 + frame * FRAME;

describe('DetectionTimeline', () => {
  it('gives a processed picture exactly its own boxes', () => {
    const t = new DetectionTimeline();
    t.add(event(3, [[100, 50]]));
    t.add(event(6, [[130, 50]]));
    expect(t.boxesFor({ rtpTimestamp: rtp(3), shownAt: 0 }, 0)).toMatchObject({ match: 'exact', boxes: [{ x: 100, y: 50 }] });
  });

  it('interpolates pictures between two detections', () => {
    const t = new DetectionTimeline();
    t.add(event(3, [[100, 50]]));
    t.add(event(6, [[130, 80]]));
    const found = t.boxesFor({ rtpTimestamp: rtp(4), shownAt: 0 }, 0);
    expect(found?.match).toBe('interpolated');
    expect(found?.boxes[0].x).toBeCloseTo(110);
    expect(found?.boxes[0].y).toBeCloseTo(60);
  });

  it('holds the last boxes briefly while the next detection is on its way, then drops them', () => {
    const t = new DetectionTimeline();
    t.add(event(3, [[100, 50]]));
    expect(t.boxesFor({ rtpTimestamp: rtp(5), shownAt: 0 }, 0)).toMatchObject({ match: 'held', boxes: [{ x: 100 }] });
    expect(t.boxesFor({ rtpTimestamp: rtp(3 + 15), shownAt: 0 }, 0)).toMatchObject({ match: 'none', boxes: [] });
  });

  it('clears boxes once a detection finds no face', () => {
    const t = new DetectionTimeline();
    t.add(event(3, [[100, 50]]));
    t.add(event(6, []));
    expect(t.boxesFor({ rtpTimestamp: rtp(6), shownAt: 0 }, 0)?.boxes).toEqual([]);
    expect(t.boxesFor({ rtpTimestamp: rtp(7), shownAt: 0 }, 0)?.boxes).toEqual([]);
    // Between a face and no face, the face stays until the empty detection's picture.
    expect(t.boxesFor({ rtpTimestamp: rtp(5), shownAt: 0 }, 0)?.boxes).toHaveLength(1);
  });

  it('draws nothing on pictures older than every detection', () => {
    const t = new DetectionTimeline();
    t.add(event(6, [[100, 50]]));
    expect(t.boxesFor({ rtpTimestamp: rtp(2), shownAt: 0 }, 0)).toMatchObject({ match: 'none', boxes: [] });
  });

  it('handles the 32-bit wrap of RTP timestamps', () => {
    const t = new DetectionTimeline();
    const wrap = (frame: number) => 2 ** 32 - 3 * FRAME + frame * FRAME;
    t.add({ ...event(0, [[10, 10]]), pts90k: wrap(0) });
    t.add({ ...event(6, [[70, 10]]), pts90k: wrap(6) });
    const found = t.boxesFor({ rtpTimestamp: wrap(3) >>> 0, shownAt: 0 }, 0);
    expect(found?.match).toBe('interpolated');
    expect(found?.boxes[0].x).toBeCloseTo(40);
  });

  it('falls back to the capture time when the RTP clock is another one (MediaMTX)', () => {
    const t = new DetectionTimeline();
    t.add(event(3, [[100, 50]]));
    const shownAt = T0 + (4 * 1000) / 15 + 200;
    const found = t.boxesFor({ rtpTimestamp: 3_000_000_000, shownAt }, 200);
    expect(found).toMatchObject({ match: 'clock', boxes: [{ x: 100 }] });
    const noPts = new DetectionTimeline();
    noPts.add(event(3, [[100, 50]], false));
    expect(noPts.boxesFor({ capturedAt: T0 + 250, shownAt: 0 }, 0)?.match).toBe('clock');
  });

  it('carries each event’s objects to its pictures as they are, never interpolated', () => {
    const t = new DetectionTimeline();
    const car = (x: number) => ({ label: 'car', x, y: 100, width: 200, height: 100, score: 0.8 });
    t.add({ ...event(3, [[100, 50]]), objects: [car(300)] });
    t.add({ ...event(6, [[130, 50]]), objects: [car(360)] });
    expect(t.boxesFor({ rtpTimestamp: rtp(3), shownAt: 0 }, 0)?.objects).toEqual([car(300)]);
    expect(t.boxesFor({ rtpTimestamp: rtp(4), shownAt: 0 }, 0)).toMatchObject({ match: 'interpolated', objects: [car(300)] });
    expect(t.boxesFor({ rtpTimestamp: rtp(3 + 15), shownAt: 0 }, 0)).toMatchObject({ match: 'none', objects: [] });
    // An event from a server without objects has none.
    t.add(event(9, [[130, 50]]));
    expect(t.boxesFor({ rtpTimestamp: rtp(9), shownAt: 0 }, 0)?.objects).toEqual([]);
  });
});
