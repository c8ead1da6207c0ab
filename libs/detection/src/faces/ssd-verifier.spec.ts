import { astronautFrame, blankFrame, pasteInto } from '../../test/frames';
import { bestOverlappingScore, contextSquare, SsdFaceVerifier } from './ssd-verifier';

const ASTRONAUT_FACE = { x: 105, y: 40, width: 72, height: 75, score: 0.9 };

describe('contextSquare', () => {
  it('is a square of 4 box sides centred on the box', () => {
    expect(contextSquare({ x: 100, y: 50, width: 20, height: 30 })).toEqual({ x: 50, y: 5, width: 120, height: 120 });
  });
});

describe('bestOverlappingScore', () => {
  it('takes the best score among boxes overlapping by IoU ≥ 0.3, 0 without one', () => {
    const c = { x: 0, y: 0, width: 100, height: 100 };
    const d = (x: number, score: number) => ({ x, y: 0, width: 100, height: 100, score });
    expect(bestOverlappingScore(c, [d(0, 0.4), d(30, 0.9), d(80, 0.99)])).toBe(0.9); // x = 80: IoU 0.11
    expect(bestOverlappingScore(c, [d(80, 0.99)])).toBe(0);
    expect(bestOverlappingScore(c, [])).toBe(0);
  });
});

describe('SsdFaceVerifier (real SSD MobileNet-v1 on ONNX Runtime)', () => {
  let verifier: SsdFaceVerifier;
  beforeAll(async () => {
    verifier = await SsdFaceVerifier.load();
  });
  afterAll(() => verifier.dispose());

  it('confirms the astronaut face and not a patch of grey, in one batch, in order', async () => {
    const frame = pasteInto(astronautFrame(), 1280, 720, 600, 200);
    const face = { ...ASTRONAUT_FACE, x: ASTRONAUT_FACE.x + 600, y: ASTRONAUT_FACE.y + 200 };
    const grey = { x: 100, y: 100, width: 60, height: 60, score: 0.9 };
    const [onFace, onGrey] = await verifier.verify(frame, [face, grey]);
    expect(onFace).toBeGreaterThan(0.9);
    expect(onGrey).toBeLessThan(0.1);
  });

  it('answers an empty list for a frame without candidates', async () => {
    expect(await verifier.verify(blankFrame(64, 64), [])).toEqual([]);
  });
});
