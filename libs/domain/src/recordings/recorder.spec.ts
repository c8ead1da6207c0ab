import type { Camera } from '../cameras/camera';
import type { CameraRecording } from '../cameras/camera-recording';
import { DISK_FULL, Recorder } from './recorder';
import { MAX_EVENT_EXTENSION_MS } from './event-clip';
import { FakeClipStore, FakeSegmentStore, T0, diskFullError, testUnit } from '../testing/recording-fakes';

const INFO = { codec: 'h264' as const, width: 640, height: 360, transcoded: false };
const alert = (alertId: string, at: number) => ({ alertId, cameraId: 'cam-1', timestamp: new Date(at) }) as never;

function world(recording: CameraRecording = { mode: 'events', preSeconds: 2, postSeconds: 3 }) {
  const segments = new FakeSegmentStore();
  const clips = new FakeClipStore();
  const stored: Array<{ cameraId: string; key: string; alertIds: string[] }> = [];
  const errors: Array<[string, string | null]> = [];
  let diskFullCalls = 0;
  const camera = { id: 'cam-1', recording } as Camera;
  const recorder = new Recorder({
    segments,
    clips,
    cameras: { findById: async (id: string) => (id === camera.id ? camera : null) },
    clipStored: (cameraId, key, alertIds) => stored.push({ cameraId, key, alertIds }),
    diskFull: () => diskFullCalls++,
    recordingErrorChanged: (id, error) => errors.push([id, error]),
    options: { segmentMs: 4000, alertDelayMs: 1000, retryMs: 5000 },
    log: { warn: () => undefined },
  });
  recorder.configure(camera);
  recorder.cameraStarted('cam-1', INFO);
  let next = 0;
  /** Feeds units up to (not including) unit `end`. */
  const feedTo = (end: number) => {
    for (; next < end; next++) recorder.unit('cam-1', testUnit(next));
  };
  return { recorder, segments, clips, stored, errors, feedTo, camera, diskFullCalls: () => diskFullCalls };
}

const at = (i: number) => testUnit(i).receivedAt;

describe('Recorder: event clips', () => {
  it('writes a clip from the keyframe before preSeconds ahead of the alert to postSeconds after it, then stores it', async () => {
    const w = world();
    w.feedTo(75); // 5 s
    w.recorder.alertRaised(alert('a1', at(70)));
    const [clip] = w.clips.begun;
    expect(clip.key).toBe('clips/cam-1/a1.mp4');
    // 2 s before unit 70 (4.67 s) is 2.67 s: the keyframe at 2 s starts the clip.
    expect(clip.units[0]).toEqual(testUnit(30));
    w.feedTo(110); // 7.27 s: before the end at 4.67 + 3 s
    expect(clip.state).toBe('open');
    w.feedTo(200);
    expect(clip.state).toBe('finished');
    const last = clip.units[clip.units.length - 1];
    expect(last.receivedAt).toBeLessThanOrEqual(at(70) + 3000);
    expect(last.receivedAt).toBeGreaterThan(at(70) + 3000 - 100);
    await w.recorder.settled();
    expect(w.stored).toEqual([{ cameraId: 'cam-1', key: 'clips/cam-1/a1.mp4', alertIds: ['a1'] }]);
  });

  it('goes on while detections go on, and alerts meanwhile share the clip', async () => {
    const w = world();
    w.feedTo(30);
    w.recorder.alertRaised(alert('a1', at(29)));
    for (let i = 30; i < 150; i++) {
      w.recorder.unit('cam-1', testUnit(i));
      w.recorder.detections('cam-1', { frameWidth: 1, frameHeight: 1, capturedAt: at(i), pts90k: 0, boxes: [{ x: 0, y: 0, width: 1, height: 1, score: 1 }] });
    }
    w.recorder.alertRaised(alert('a2', at(149)));
    w.recorder.detections('cam-1', { frameWidth: 1, frameHeight: 1, capturedAt: at(150), pts90k: 0, boxes: [] }); // no face: no activity
    w.feedTo(400);
    const [clip] = w.clips.begun;
    expect(w.clips.begun).toHaveLength(1);
    expect(clip.units[clip.units.length - 1].receivedAt).toBeGreaterThan(at(149) + 3000 - 100);
    expect(clip.units[clip.units.length - 1].receivedAt).toBeLessThanOrEqual(at(149) + 3000);
    await w.recorder.settled();
    expect(w.stored[0].alertIds).toEqual(['a1', 'a2']);
  });

  it('counts the detections made while an alert was on its way, however late it is raised', () => {
    const w = world({ mode: 'events', preSeconds: 2, postSeconds: 1 });
    const faceAt = (i: number) =>
      w.recorder.detections('cam-1', { frameWidth: 1, frameHeight: 1, capturedAt: at(i), pts90k: 0, boxes: [{ x: 0, y: 0, width: 1, height: 1, score: 1 }] });
    w.feedTo(30);
    // The face stays in view; each result comes half a second after its frame.
    for (let i = 30; i < 60; i++) {
      w.recorder.unit('cam-1', testUnit(i));
      faceAt(i - 8);
    }
    w.recorder.alertRaised(alert('a1', at(29))); // 2 s after its frame: later than postSeconds
    for (let i = 60; i < 150; i++) {
      w.recorder.unit('cam-1', testUnit(i));
      faceAt(i - 8);
    }
    const [clip] = w.clips.begun;
    expect(clip.state).toBe('open'); // the face is still there
    for (let i = 150; i < 250; i++) w.recorder.unit('cam-1', testUnit(i)); // it left
    expect(clip.state).toBe('finished');
    expect(clip.units[clip.units.length - 1].receivedAt).toBeGreaterThan(at(141) + 1000 - 100);
    expect(clip.units[clip.units.length - 1].receivedAt).toBeLessThanOrEqual(at(141) + 1000);
  });

  it('stops extending five minutes after the first alert', () => {
    const w = world();
    w.feedTo(30);
    w.recorder.alertRaised(alert('a1', at(29)));
    const limit = at(29) + MAX_EVENT_EXTENSION_MS + 3000;
    for (let i = 30; testUnit(i).receivedAt <= limit + 1000; i++) {
      w.recorder.unit('cam-1', testUnit(i));
      w.recorder.detections('cam-1', { frameWidth: 1, frameHeight: 1, capturedAt: at(i), pts90k: 0, boxes: [{ x: 0, y: 0, width: 1, height: 1, score: 1 }] });
    }
    const [clip] = w.clips.begun;
    expect(clip.state).toBe('finished');
    expect(clip.units[clip.units.length - 1].receivedAt).toBeLessThanOrEqual(limit);
  });

  it('makes no clip for an alert older than the pre-roll, nor with recording off', () => {
    const w = world();
    w.feedTo(150);
    w.recorder.alertRaised(alert('old', at(0)));
    expect(w.clips.begun).toHaveLength(0);
    w.recorder.configure({ ...w.camera, recording: { mode: 'off', preSeconds: 2, postSeconds: 3 } });
    w.feedTo(160);
    w.recorder.alertRaised(alert('off', at(159)));
    expect(w.clips.begun).toHaveLength(0);
    expect(w.recorder.preRollBytes()).toBe(0);
  });

  it('ends the clip under way when recording is turned off or the stream stops', () => {
    const w = world();
    w.feedTo(30);
    w.recorder.alertRaised(alert('a1', at(29)));
    w.feedTo(35);
    w.recorder.configure({ ...w.camera, recording: { mode: 'off', preSeconds: 2, postSeconds: 3 } });
    expect(w.clips.begun[0].state).toBe('finished');
    w.recorder.configure({ ...w.camera, recording: { mode: 'events', preSeconds: 2, postSeconds: 3 } });
    w.feedTo(60);
    w.recorder.alertRaised(alert('a2', at(59)));
    w.recorder.cameraStopped('cam-1');
    expect(w.clips.begun[1].state).toBe('finished');
    expect(w.clips.begun[1].units[0]).toEqual(testUnit(45));
  });

  it('reads the stored settings when a camera connects, unless newer ones were given meanwhile', async () => {
    const segments = new FakeSegmentStore();
    const recorder = new Recorder({
      segments,
      clips: new FakeClipStore(),
      cameras: { findById: async () => ({ id: 'cam-9', recording: { mode: 'continuous', preSeconds: 0, postSeconds: 0 } }) as Camera },
      clipStored: () => undefined,
      diskFull: () => undefined,
      log: { warn: () => undefined },
    });
    recorder.cameraStarted('cam-9', INFO);
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 20; i++) recorder.unit('cam-9', testUnit(i));
    expect(segments.begun).toHaveLength(1);
    recorder.cameraStopped('cam-9');
    recorder.cameraStarted('cam-9', INFO);
    recorder.configure({ id: 'cam-9', recording: { mode: 'off', preSeconds: 0, postSeconds: 0 } } as Camera);
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 20; i < 40; i++) recorder.unit('cam-9', testUnit(i));
    expect(segments.begun).toHaveLength(1);
  });
});

describe('Recorder: continuous segments', () => {
  it('cuts segments at the first keyframe after segmentMs, each joined to the next on the camera clock', () => {
    const w = world({ mode: 'continuous', preSeconds: 0, postSeconds: 0 });
    for (let i = 3; i < 190; i++) w.recorder.unit('cam-1', testUnit(i)); // starts mid-GOP
    const begun = w.segments.begun;
    expect(begun.map((s) => s.units[0].pts90k)).toEqual([15, 75, 135].map((i) => testUnit(i).pts90k));
    expect(begun.every((s) => s.units[0].keyframe)).toBe(true);
    expect(begun[0].startAt).toBe(at(15));
    expect(begun[1].startAt).toBe(at(15) + 4000);
    expect(begun[0].closed).toEqual({ nextPts: testUnit(75).pts90k });
    expect(begun[1].units).toHaveLength(60);
    expect(begun[2].closed).toBeNull();
  });

  it('ends the segment under way cleanly when the camera reconnects, and starts again on its first keyframe', () => {
    const w = world({ mode: 'continuous', preSeconds: 0, postSeconds: 0 });
    w.feedTo(40);
    w.recorder.cameraStopped('cam-1');
    expect(w.segments.begun[0].closed).toEqual({ nextPts: undefined });
    w.recorder.cameraStarted('cam-1', INFO);
    const later = T0 + 60_000;
    for (let i = 0; i < 20; i++) w.recorder.unit('cam-1', testUnit(i, 15, later));
    expect(w.segments.begun).toHaveLength(2);
    expect(w.segments.begun[1].startAt).toBe(later);
  });

  it('follows mode changes live: continuous to events closes the segment, back starts at the next keyframe', () => {
    const w = world({ mode: 'continuous', preSeconds: 1, postSeconds: 1 });
    w.feedTo(20);
    w.recorder.configure({ ...w.camera, recording: { mode: 'events', preSeconds: 1, postSeconds: 1 } });
    expect(w.segments.begun[0].closed).not.toBeNull();
    w.feedTo(40);
    w.recorder.configure({ ...w.camera, recording: { mode: 'continuous', preSeconds: 1, postSeconds: 1 } });
    w.feedTo(50);
    expect(w.segments.begun).toHaveLength(2);
    expect(w.segments.begun[1].units[0]).toEqual(testUnit(45));
    // Clips are made in continuous mode too.
    w.recorder.alertRaised(alert('a1', at(49)));
    expect(w.clips.begun).toHaveLength(1);
  });
});

describe('Recorder: faults', () => {
  it('a full disk stops recording on every camera with a reason, asks retention for room, and resumes when lifted', async () => {
    const w = world({ mode: 'continuous', preSeconds: 2, postSeconds: 3 });
    w.feedTo(20);
    w.segments.begun[0].failed(diskFullError());
    expect(w.diskFullCalls()).toBe(1);
    expect(w.recorder.recordingError('cam-1')).toBe(DISK_FULL);
    expect(w.errors).toEqual([['cam-1', DISK_FULL]]);
    expect(w.segments.begun[0].closed).not.toBeNull();
    w.feedTo(100);
    w.recorder.alertRaised(alert('a1', at(99)));
    expect(w.segments.begun).toHaveLength(1);
    expect(w.clips.begun).toHaveLength(0);
    w.recorder.block(null);
    expect(w.errors[w.errors.length - 1]).toEqual(['cam-1', null]);
    w.feedTo(110);
    expect(w.segments.begun).toHaveLength(2);
    expect(w.recorder.recordingError('cam-1')).toBeNull();
  });

  it('another write failure stops only that camera for a while', () => {
    const w = world({ mode: 'continuous', preSeconds: 2, postSeconds: 3 });
    w.feedTo(20);
    w.segments.begun[0].failed(new Error('EIO: i/o error, write'));
    expect(w.diskFullCalls()).toBe(0);
    expect(w.recorder.recordingError('cam-1')).toMatch(/EIO/);
    w.feedTo(90); // 6 s: within retryMs (5 s) of the failure at ~1.3 s no segment starts before 6.3 s
    expect(w.segments.begun).toHaveLength(1);
    w.feedTo(120);
    expect(w.segments.begun).toHaveLength(2);
    expect(w.recorder.recordingError('cam-1')).toBeNull();
  });

  it('a deleted camera takes its segments and clips with it', async () => {
    const w = world();
    w.clips.stored.push({ key: 'clips/cam-1/a.mp4', bytes: 1, storedAt: 0 }, { key: 'clips/cam-2/b.mp4', bytes: 1, storedAt: 0 });
    await w.recorder.cameraRemoved('cam-1');
    expect(w.segments.deletedCameras).toEqual(['cam-1']);
    expect(w.clips.stored.map((c) => c.key)).toEqual(['clips/cam-2/b.mp4']);
  });
});
