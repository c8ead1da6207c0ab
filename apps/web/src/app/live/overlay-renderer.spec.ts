import type { DetectionsEvent } from './detection-timeline';
import { OverlayRenderer, type OverlayOptions } from './overlay-renderer';

/** A 2D context that records what is drawn (jsdom has no canvas), with the style in force for each call. */
class RecordingContext {
  font = '';
  fillStyle = '';
  strokeStyle = '';
  lineWidth = 1;
  textBaseline = '';
  readonly calls: Array<{ op: string; args: unknown[]; fillStyle: string; strokeStyle: string }> = [];

  private record(op: string, args: unknown[]): void {
    this.calls.push({ op, args, fillStyle: this.fillStyle, strokeStyle: this.strokeStyle });
  }

  setTransform(...args: number[]): void {
    this.record('setTransform', args);
  }
  clearRect(...args: number[]): void {
    this.record('clearRect', args);
  }
  fillRect(...args: number[]): void {
    this.record('fillRect', args);
  }
  strokeRect(...args: number[]): void {
    this.record('strokeRect', args);
  }
  fillText(...args: unknown[]): void {
    this.record('fillText', args);
  }
  /** 7 px per character, so positions are easy to predict. */
  measureText(text: string): { width: number } {
    return { width: text.length * 7 };
  }

  ops(op: string): unknown[][] {
    return this.calls.filter((call) => call.op === op).map((call) => call.args);
  }
  texts(): string[] {
    return this.ops('fillText').map((args) => args[0] as string);
  }
  /** Forgets the calls so far (the next picture's drawing starts clean). */
  reset(): void {
    this.calls.length = 0;
  }
}

function sized<T extends HTMLElement>(element: T, sizes: Record<string, number>): T {
  for (const [name, value] of Object.entries(sizes)) Object.defineProperty(element, name, { configurable: true, value });
  return element;
}

describe('OverlayRenderer', () => {
  let ctx: RecordingContext;
  let video: HTMLVideoElement;
  let canvas: HTMLCanvasElement;
  let nextPicture: VideoFrameRequestCallback | null;
  let measured: number | null;
  const ratio = window.devicePixelRatio;

  /** A 640×480 element box playing a 1280×720 picture: letterboxed to 640×360 at y = 60. */
  function setUp(options: Partial<OverlayOptions> = {}): OverlayRenderer {
    ctx = new RecordingContext();
    video = sized(document.createElement('video'), { clientWidth: 640, clientHeight: 480, videoWidth: 1280, videoHeight: 720 });
    canvas = sized(document.createElement('canvas'), { clientWidth: 640, clientHeight: 480 });
    canvas.getContext = (() => ctx) as unknown as HTMLCanvasElement['getContext'];
    nextPicture = null;
    video.requestVideoFrameCallback = (callback) => {
      nextPicture = callback;
      return 1;
    };
    video.cancelVideoFrameCallback = () => (nextPicture = null);
    measured = null;
    return new OverlayRenderer(video, canvas, { label: 'Front door', measuredFps: () => measured, ...options });
  }

  /** The browser shows a picture with this RTP timestamp. */
  function show(rtpTimestamp: number): void {
    const callback = nextPicture;
    if (!callback) throw new Error('the renderer asked for no picture');
    ctx.reset();
    callback(performance.now(), { rtpTimestamp, expectedDisplayTime: performance.now() } as VideoFrameCallbackMetadata);
  }

  function detections(pts90k: number, frame: [number, number], boxes: DetectionsEvent['boxes']): DetectionsEvent {
    return { cameraId: 'c1', ts: new Date().toISOString(), pts90k, frameWidth: frame[0], frameHeight: frame[1], boxes };
  }

  afterEach(() => Object.defineProperty(window, 'devicePixelRatio', { configurable: true, value: ratio }));

  it('draws the camera name and its measured processing FPS over the picture', () => {
    const overlay = setUp();
    overlay.start();
    measured = 9.64;
    show(90_000);
    expect(ctx.texts()).toEqual(['Front door', '9.6 fps']);
    // The name on the left, the rate flush with the right edge (6 px padding), on a dark band.
    const [name, rate] = ctx.ops('fillText');
    expect(name.slice(1, 3)).toEqual([6, 6]);
    expect(rate.slice(1, 3)).toEqual([640 - 7 * '9.6 fps'.length - 6, 6]);
    expect(ctx.calls.find((call) => call.op === 'fillRect')).toMatchObject({ args: [0, 0, 640, 25], fillStyle: 'rgba(0, 0, 0, 0.55)' });
    expect(ctx.calls.filter((call) => call.op === 'fillText').every((call) => call.fillStyle === '#ffffff')).toBe(true);
    expect(canvas.dataset['caption']).toBe('Front door · 9.6 fps');
    expect(overlay.last?.caption).toBe('Front door · 9.6 fps');
  });

  it('shows only the name until a rate was measured, and each new rate on the next picture', () => {
    const overlay = setUp();
    overlay.start();
    show(90_000);
    expect(ctx.texts()).toEqual(['Front door']);
    expect(canvas.dataset['caption']).toBe('Front door');

    measured = 4.96;
    show(93_000);
    expect(ctx.texts()).toEqual(['Front door', '5.0 fps']);
    expect(canvas.dataset['caption']).toBe('Front door · 5.0 fps');
  });

  it('never draws the browser’s own picture rate', () => {
    const overlay = setUp();
    overlay.start();
    measured = 3;
    for (let i = 0; i < 10; i++) show(90_000 + i * 3000);
    expect(ctx.texts()).toEqual(['Front door', '3.0 fps']);
  });

  it('draws boxes scaled from the processed frame to the picture as displayed (letterboxed)', () => {
    const overlay = setUp();
    overlay.start();
    // Processed at 640×360, shown in a 640×480 box: no scaling, shifted down by the 60 px letterbox.
    overlay.addDetections(detections(90_000, [640, 360], [{ x: 50, y: 100, width: 150, height: 75, score: 0.9 }]));
    show(90_000);
    expect(ctx.ops('strokeRect')).toEqual([[50, 160, 150, 75]]);
    expect(ctx.calls.find((call) => call.op === 'strokeRect')?.strokeStyle).toBe('#00e676');
    expect(overlay.last).toMatchObject({ match: 'exact', boxes: [{ x: 50, y: 160, width: 150, height: 75 }] });

    // Processed at full size (1280×720): halved.
    overlay.addDetections(detections(93_000, [1280, 720], [
      { x: 100, y: 200, width: 300, height: 150, score: 0.9 },
      { x: 800, y: 0, width: 100, height: 100, score: 0.8 },
    ]));
    show(93_000);
    expect(ctx.ops('strokeRect')).toEqual([
      [50, 160, 150, 75],
      [400, 60, 50, 50],
    ]);
  });

  it('follows the displayed size of the video and draws sharp on high-DPI screens', () => {
    Object.defineProperty(window, 'devicePixelRatio', { configurable: true, value: 2 });
    const overlay = setUp();
    // A 320×180 tile: the 1280×720 picture fills it.
    sized(video, { clientWidth: 320, clientHeight: 180 });
    sized(canvas, { clientWidth: 320, clientHeight: 180 });
    overlay.start();
    overlay.addDetections(detections(90_000, [1280, 720], [{ x: 640, y: 360, width: 128, height: 72, score: 0.9 }]));
    show(90_000);
    expect([canvas.width, canvas.height]).toEqual([640, 360]);
    expect(ctx.ops('setTransform')).toEqual([[2, 0, 0, 2, 0, 0]]);
    expect(ctx.ops('strokeRect')).toEqual([[160, 90, 32, 18]]);
    expect(ctx.ops('fillRect')[0]).toEqual([0, 0, 320, 25]);
  });

  it('draws no boxes on a picture without faces, and clears everything when stopped', () => {
    const overlay = setUp();
    overlay.start();
    overlay.addDetections(detections(90_000, [640, 360], []));
    show(90_000);
    expect(ctx.ops('strokeRect')).toEqual([]);
    expect(ctx.texts()).toEqual(['Front door']);

    ctx.reset();
    overlay.stop();
    expect(ctx.ops('clearRect')).toHaveLength(1);
    expect(canvas.dataset['caption']).toBeUndefined();
    expect(nextPicture).toBeNull();
  });
});

describe('OverlayRenderer objects', () => {
  let ctx: { calls: Array<{ op: string; args: unknown[]; fillStyle: string; strokeStyle: string }> };
  let nextPicture: VideoFrameRequestCallback | null = null;

  function setUp(picture: [number, number] = [1280, 720]): { overlay: OverlayRenderer; show(rtp: number): void } {
    const calls: Array<{ op: string; args: unknown[]; fillStyle: string; strokeStyle: string }> = [];
    const state = { font: '', fillStyle: '', strokeStyle: '', lineWidth: 1, textBaseline: '' };
    const record = (op: string) => (...args: unknown[]) => calls.push({ op, args, fillStyle: state.fillStyle, strokeStyle: state.strokeStyle });
    const context = Object.assign(state, {
      setTransform: record('setTransform'),
      clearRect: record('clearRect'),
      fillRect: record('fillRect'),
      strokeRect: record('strokeRect'),
      fillText: record('fillText'),
      measureText: (text: string) => ({ width: text.length * 7 }),
    });
    ctx = { calls };
    const sized = <T extends HTMLElement>(element: T, sizes: Record<string, number>): T => {
      for (const [name, value] of Object.entries(sizes)) Object.defineProperty(element, name, { configurable: true, value });
      return element;
    };
    // A 640×480 element box; a 1280×720 picture is letterboxed to 640×360 at y = 60.
    const video = sized(document.createElement('video'), { clientWidth: 640, clientHeight: 480, videoWidth: picture[0], videoHeight: picture[1] });
    const canvas = sized(document.createElement('canvas'), { clientWidth: 640, clientHeight: 480 });
    canvas.getContext = (() => context) as unknown as HTMLCanvasElement['getContext'];
    video.requestVideoFrameCallback = (callback) => {
      nextPicture = callback;
      return 1;
    };
    const overlay = new OverlayRenderer(video, canvas, { label: 'Driveway' });
    overlay.start();
    return {
      overlay,
      show(rtpTimestamp: number) {
        calls.length = 0;
        nextPicture?.(performance.now(), { rtpTimestamp, expectedDisplayTime: performance.now() } as VideoFrameCallbackMetadata);
      },
    };
  }

  const event = (pts90k: number, objects: DetectionsEvent['objects'], boxes: DetectionsEvent['boxes'] = []): DetectionsEvent => ({
    cameraId: 'c1',
    ts: new Date().toISOString(),
    pts90k,
    frameWidth: 640,
    frameHeight: 360,
    boxes,
    objects,
  });
  const ops = (op: string) => ctx.calls.filter((c) => c.op === op);

  it('draws object boxes in their own colour with their label, next to the face boxes', () => {
    const { overlay, show } = setUp();
    const face = { x: 10, y: 100, width: 40, height: 40, score: 0.9 };
    overlay.addDetections(event(90_000, [{ label: 'car', x: 300, y: 150, width: 200, height: 100, score: 0.8 }], [face]));
    show(90_000);
    expect(ops('strokeRect').map((c) => [c.strokeStyle, ...c.args])).toEqual([
      ['#ffb300', 300, 210, 200, 100],
      ['#00e676', 10, 160, 40, 40],
    ]);
    // The label on a tag of the object's colour just above the box, in dark text.
    const tag = ops('fillText').find((c) => c.args[0] === 'car');
    expect(tag).toMatchObject({ args: ['car', 303, 195], fillStyle: '#000000' });
    expect(ops('fillRect').find((c) => c.fillStyle === '#ffb300')?.args).toEqual([300, 192, 27, 18]);
    expect(overlay.last).toMatchObject({ boxes: [{ x: 10, y: 160 }], objects: [{ label: 'car', x: 300, y: 210, width: 200, height: 100 }] });
  });

  it('puts the tag inside the box when the object touches the top, over the caption band', () => {
    // A 4:3 picture fills the element: no letterbox, the object is at the very top of the canvas.
    const { overlay, show } = setUp([640, 480]);
    overlay.addDetections({ ...event(90_000, [{ label: 'dog', x: 100, y: 0, width: 50, height: 50, score: 0.7 }]), frameWidth: 640, frameHeight: 480 });
    show(90_000);
    const texts = ops('fillText').map((c) => c.args[0]);
    expect(texts.indexOf('dog')).toBeGreaterThan(texts.indexOf('Driveway'));
    expect(ops('fillText').find((c) => c.args[0] === 'dog')?.args.slice(1)).toEqual([103, 3]);
  });

  it('draws no object from a server that sends none', () => {
    const { overlay, show } = setUp();
    const { objects: _none, ...old } = event(90_000, []);
    overlay.addDetections(old);
    show(90_000);
    expect(ops('strokeRect')).toEqual([]);
    expect(overlay.last?.objects).toEqual([]);
  });
});
