import { CameraRuntime } from '@argus/domain';
import { startFaultRig, type FaultRig } from './support/fault-rig';
import { ffmpegChildren, until, type FfmpegChild } from './support/processes';

// ffmpeg children killed outright (SIGKILL: no exit handler, no last words). One camera only, so its
// decoder (which shows no URL) is known. The decoder is replaced under the running feed; the feed's
// death is a reconnect.
jest.setTimeout(120_000);

describe('fault suite: ffmpeg killed with SIGKILL', () => {
  let rig: FaultRig;
  let id: string;
  let runtime: CameraRuntime;

  const pair = (): { feed?: FfmpegChild; decoder?: FfmpegChild } => {
    const children = ffmpegChildren();
    return { feed: children.find((c) => c.role === 'feed'), decoder: children.find((c) => c.role === 'decoder') };
  };
  const counters = () => runtime.counters(id) ?? { framesDecoded: 0, processed: 0, reconnects: 0 };

  beforeAll(async () => {
    rig = await startFaultRig({ paths: { door: {} } });
    runtime = rig.t.app.get(CameraRuntime);
    id = await rig.addCamera('door', { fps: 5 });
    await rig.start(id);
    await rig.states.waitFor(id, 'running', 60_000);
    // The pool is warm and frames go through detection before anything is killed.
    await until('frames detected', 60_000, () => (counters().processed >= 3 ? true : undefined));
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('restarts a killed decoder without dropping the camera connection', async () => {
    const { feed, decoder } = pair();
    expect(feed && decoder).toBeTruthy();
    const before = counters();
    const mark = rig.states.mark();
    process.kill(decoder?.pid as number, 'SIGKILL');
    const replaced = await until('a new decoder', 20_000, () => {
      const now = pair().decoder;
      return now && now.pid !== decoder?.pid ? now : undefined;
    });
    expect(replaced.pid).not.toBe(decoder?.pid);
    // Frames are decoded and detected again by the new decoder...
    const decoded = counters().framesDecoded;
    await until('frames from the new decoder', 20_000, () => (counters().framesDecoded > decoded + 5 ? true : undefined));
    // ...on the same connection: same feed process, no reconnect, no error shown.
    expect(pair().feed?.pid).toBe(feed?.pid);
    expect(counters().reconnects).toBe(before.reconnects);
    expect(rig.states.of(id, mark).filter((e) => e.status !== 'running')).toEqual([]);
    // Detection follows the decoder (later on a busy machine).
    await until('frames detected after the restart', 20_000, () => (counters().processed > before.processed ? true : undefined));
  });

  it('reconnects a camera whose feed was killed, with a new decoder and nothing left over', async () => {
    const { feed, decoder } = pair();
    const before = counters();
    const mark = rig.states.mark();
    process.kill(feed?.pid as number, 'SIGKILL');
    const failed = await rig.states.waitFor(id, 'error', 20_000, mark);
    expect(failed.error).toMatch(/killed \(SIGKILL\)|ended/);
    await rig.states.waitFor(id, 'running', 30_000, mark);
    expect(counters().reconnects).toBe(before.reconnects + 1);
    const now = await until('one new feed and one new decoder', 15_000, () => {
      const children = ffmpegChildren();
      return children.length === 2 ? pair() : undefined;
    });
    expect(now.feed?.pid).not.toBe(feed?.pid);
    expect(now.decoder?.pid).not.toBe(decoder?.pid);
    const processed = counters().processed;
    await until('frames detected after the reconnect', 20_000, () => (counters().processed > processed ? true : undefined));
  });

  it('leaves no ffmpeg behind once the camera is stopped', async () => {
    await rig.stop(id);
    await until('every ffmpeg child gone', 10_000, () => (ffmpegChildren().length === 0 ? true : undefined));
  });
});
