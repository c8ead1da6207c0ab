import { astronautFrame, blankFrame } from '../../test/frames';
import { LocalObjectDetector, toFrameObject } from './object-detector';
import { objectInputLayout } from './object-input';
import { DEFAULT_OBJECT_SETTINGS } from './object-settings';

describe('toFrameObject', () => {
  const layout = objectInputLayout(1280, 720, 512); // 0.4 input pixels per frame pixel

  it('maps a box from input pixels to frame pixels and names its class', () => {
    expect(toFrameObject({ classId: 2, x: 40, y: 20, width: 80, height: 40, score: 0.7 }, layout, 1280, 720)).toEqual({
      label: 'car',
      x: 100,
      y: 50,
      width: 200,
      height: 100,
      score: 0.7,
    });
  });

  it('clips to the frame and drops a box left with no area or an unknown class', () => {
    expect(toFrameObject({ classId: 0, x: -20, y: 280, width: 60, height: 40, score: 0.5 }, layout, 1280, 720)).toMatchObject({ x: 0, y: 700, width: 100, height: 20 });
    expect(toFrameObject({ classId: 0, x: 10, y: 300, width: 20, height: 20, score: 0.5 }, layout, 1280, 720)).toBeUndefined(); // below the frame: padding
    expect(toFrameObject({ classId: 80, x: 10, y: 10, width: 20, height: 20, score: 0.5 }, layout, 1280, 720)).toBeUndefined();
  });
});

describe('LocalObjectDetector (ONNX Runtime)', () => {
  let detector: LocalObjectDetector;

  beforeAll(async () => {
    detector = await LocalObjectDetector.load(DEFAULT_OBJECT_SETTINGS);
  }, 60_000);

  afterAll(() => detector.close());

  it('finds the astronaut as a person, in frame pixels', async () => {
    const { objects } = await detector.detectObjects(astronautFrame());
    const person = objects.find((o) => o.label === 'person');
    expect(person?.score).toBeGreaterThan(DEFAULT_OBJECT_SETTINGS.minScore);
    expect(person?.height).toBeGreaterThan(200);
    expect(objects.filter((o) => o.label === 'person')).toHaveLength(1); // NMS left one box
  });

  it('returns only the asked labels, and nothing for an empty list', async () => {
    expect((await detector.detectObjects(astronautFrame(), { labels: ['dog'] })).objects.every((o) => o.label === 'dog')).toBe(true);
    expect((await detector.detectObjects(astronautFrame(), { labels: [] })).objects).toEqual([]);
  });

  it('finds nothing in a uniform frame and refuses a bad input size at load', async () => {
    expect((await detector.detectObjects(blankFrame(640, 360))).objects).toEqual([]);
    await expect(LocalObjectDetector.load({ ...DEFAULT_OBJECT_SETTINGS, inputSize: 500 })).rejects.toThrow(/multiple of 32/);
  });
});
