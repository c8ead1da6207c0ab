import type { FaceBox } from '@argus/domain';
import { blankFrame } from '../test/frames';
import { BlazeFaceDetector } from './detector';
import { letterbox, toInputPixels } from './geometry/letterbox';
import { iou, type Region } from './geometry/region';
import type { BlazeFaceModel } from './model/blazeface-model';
import type { FaceVerifier } from './faces/ssd-verifier';
import { smallFaceTiles } from './faces/grid-tiles';
import { fuseScores } from './faces/score-fusion';
import { DEFAULT_DETECTOR_SETTINGS } from './settings';

const INPUT = 256;

/**
 * A model that answers each pass from a script: per pass, faces given in frame pixels, turned into
 * its own input pixels through the pass's letterbox (the detector asks full frame first, then each
 * tile in order). Records the minimum score it was asked for.
 */
class ScriptedModel implements BlazeFaceModel {
  readonly name = 'scripted';
  readonly inputSize = INPUT;
  calls = 0;
  minScores: number[] = [];
  constructor(private readonly passes: Array<{ region: Region; faces: FaceBox[] }>) {}

  async detect(_input: Float32Array, minScore: number): Promise<FaceBox[]> {
    this.minScores.push(minScore);
    const pass = this.passes[this.calls++];
    if (!pass) throw new Error(`unexpected pass ${this.calls}`);
    const lb = letterbox(pass.region, INPUT);
    return pass.faces.map((f) => {
      const { x, y } = toInputPixels(f.x, f.y, lb);
      return { ...f, x, y, width: f.width * lb.scale, height: f.height * lb.scale };
    });
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}

const FULL: Region = { x: 0, y: 0, width: 1280, height: 720 };
// squareTiles(1280, 720): two 720 px squares, overlapping between x = 560 and 720.
const LEFT: Region = { x: 0, y: 0, width: 720, height: 720 };
const RIGHT: Region = { x: 560, y: 0, width: 720, height: 720 };
const face = (x: number, y: number, size: number, score: number): FaceBox => ({ x, y, width: size, height: size, score });
const near = (a: FaceBox, b: FaceBox) => iou(a, b) > 0.99 && Math.abs(a.score - b.score) < 1e-9;

describe('BlazeFaceDetector: full pass and tiles merged', () => {
  const frame = blankFrame(1280, 720);
  const tiled = { ...DEFAULT_DETECTOR_SETTINGS, tiling: true, smallFaceTiles: false };

  it('keeps one box for a face both passes see (blended, the better score), and faces only a tile sees', async () => {
    const big = face(100, 200, 120, 0.8);
    const bigInTile = face(102, 201, 118, 0.93);
    const small = face(1000, 400, 30, 0.7); // too small for the full pass at 5× reduction
    const model = new ScriptedModel([
      { region: FULL, faces: [big] },
      { region: LEFT, faces: [bigInTile] },
      { region: RIGHT, faces: [small] },
    ]);
    const { faces } = await new BlazeFaceDetector(model, tiled).detect(frame);
    expect(model.calls).toBe(3);
    expect(faces).toHaveLength(2);
    // Blended (score-weighted mean of the two boxes), with the better score.
    const merged = faces.find((f) => iou(f, big) > 0.9);
    expect(merged?.score).toBe(0.93);
    expect(iou(merged as FaceBox, bigInTile)).toBeGreaterThan(0.95);
    expect(faces.some((f) => near(f, small))).toBe(true);
  });

  it('drops a face cut by a tile edge inside the frame and keeps the whole one from the other tile', async () => {
    const cut = face(690, 300, 29, 0.95); // touches the left tile's right edge (x = 720), inside the frame
    const whole = face(690, 300, 50, 0.75);
    const atFrameEdge = face(0, 10, 40, 0.8); // the left tile's left edge is the frame's: kept
    const model = new ScriptedModel([
      { region: FULL, faces: [] },
      { region: LEFT, faces: [cut, atFrameEdge] },
      { region: RIGHT, faces: [whole] },
    ]);
    const { faces } = await new BlazeFaceDetector(model, tiled).detect(frame);
    expect(faces).toHaveLength(2);
    expect(faces.some((f) => near(f, whole))).toBe(true);
    expect(faces.some((f) => near(f, atFrameEdge))).toBe(true);
  });

  it('clips boxes to the frame and drops those left with no area', async () => {
    const model = new ScriptedModel([{ region: FULL, faces: [face(-20, -10, 60, 0.9), face(1290, 100, 40, 0.9)] }, { region: LEFT, faces: [] }, { region: RIGHT, faces: [] }]);
    const { faces } = await new BlazeFaceDetector(model, tiled).detect(frame);
    expect(faces).toHaveLength(1);
    expect(faces[0]).toMatchObject({ x: 0, y: 0, score: 0.9 });
    expect(faces[0].width).toBeCloseTo(40);
    expect(faces[0].height).toBeCloseTo(50);
  });

  it('makes a single pass with tiling off, and for a frame close to square', async () => {
    const one = face(10, 10, 50, 0.9);
    const off = new ScriptedModel([{ region: FULL, faces: [one] }]);
    expect((await new BlazeFaceDetector(off, { ...tiled, tiling: false }).detect(frame)).faces).toHaveLength(1);
    expect(off.calls).toBe(1);
    const square = new ScriptedModel([{ region: { x: 0, y: 0, width: 640, height: 480 }, faces: [one] }]);
    expect((await new BlazeFaceDetector(square, tiled).detect(blankFrame(640, 480))).faces).toHaveLength(1);
    expect(square.calls).toBe(1);
  });

  it('passes the frame’s minimum score to every pass, else its own default', async () => {
    const passes = [{ region: FULL, faces: [] }, { region: LEFT, faces: [] }, { region: RIGHT, faces: [] }];
    const model = new ScriptedModel([...passes, ...passes]);
    const detector = new BlazeFaceDetector(model, tiled);
    await detector.detect(frame, { minScore: 0.3 });
    await detector.detect(frame);
    expect(model.minScores).toEqual([0.3, 0.3, 0.3, tiled.minScore, tiled.minScore, tiled.minScore]);
  });
});

/** A second stage that answers from a table: the score of the first listed box the candidate overlaps. */
class TableVerifier implements FaceVerifier {
  seen: FaceBox[][] = [];
  constructor(private readonly table: Array<{ box: Region; score: number }>) {}
  async verify(_frame: unknown, candidates: readonly FaceBox[]): Promise<number[]> {
    this.seen.push([...candidates]);
    return candidates.map((c) => this.table.find((t) => iou(t.box, c) > 0.5)?.score ?? 0);
  }
  dispose(): Promise<void> {
    return Promise.resolve();
  }
}

describe('BlazeFaceDetector: second stage and small-face tiles', () => {
  const frame = blankFrame(640, 480); // close to square: the full pass only, unless small-face tiles
  const single = { ...DEFAULT_DETECTOR_SETTINGS, tiling: true, smallFaceTiles: false, candidateScore: 0.25, minScore: 0.3 };
  const FRAME: Region = { x: 0, y: 0, width: 640, height: 480 };

  it('asks BlazeFace for candidates at the candidate score, fuses both scores and keeps those over minScore', async () => {
    const cat = face(10, 10, 80, 0.8); // BlazeFace likes it, the verifier does not
    const smallFace = face(300, 200, 30, 0.3); // BlazeFace unsure, the verifier sure
    const model = new ScriptedModel([{ region: FRAME, faces: [cat, smallFace] }]);
    const verifier = new TableVerifier([{ box: smallFace, score: 0.95 }]);
    const { faces } = await new BlazeFaceDetector(model, single, verifier).detect(frame);
    expect(model.minScores).toEqual([0.25]);
    expect(verifier.seen).toHaveLength(1);
    expect(faces).toHaveLength(1);
    expect(iou(faces[0], smallFace)).toBeGreaterThan(0.99);
    expect(faces[0].score).toBeCloseTo(fuseScores(0.3, 0.95));
    expect(faces[0].score).toBeGreaterThan(0.3);
  });

  it('proposes at the frame’s own threshold when that is lower than the candidate score', async () => {
    const model = new ScriptedModel([{ region: FRAME, faces: [] }]);
    await new BlazeFaceDetector(model, single, new TableVerifier([])).detect(frame, { minScore: 0.1 });
    expect(model.minScores).toEqual([0.1]);
  });

  it('never calls the verifier for a frame without candidates, and has no second stage without one', async () => {
    const verifier = new TableVerifier([]);
    await new BlazeFaceDetector(new ScriptedModel([{ region: FRAME, faces: [] }]), single, verifier).detect(frame);
    expect(verifier.seen).toEqual([]);
    const alone = new ScriptedModel([{ region: FRAME, faces: [face(10, 10, 80, 0.8)] }]);
    const { faces } = await new BlazeFaceDetector(alone, single).detect(frame);
    expect(alone.minScores).toEqual([0.3]);
    expect(faces.map((f) => f.score)).toEqual([0.8]);
  });

  it('drops boxes under the minimum face size before the second stage', async () => {
    const tiny = face(10, 10, 19, 0.9);
    const ok = face(100, 100, 20, 0.9);
    const verifier = new TableVerifier([{ box: ok, score: 0.9 }]);
    const model = new ScriptedModel([{ region: FRAME, faces: [tiny, ok] }]);
    const { faces } = await new BlazeFaceDetector(model, { ...single, minFaceSize: 20 }, verifier).detect(frame);
    expect(verifier.seen).toEqual([[expect.objectContaining({ width: 20 })]]);
    expect(faces).toHaveLength(1);
  });

  it('leaves the small-face tiles out where the square tiles are nearly as small (16:9), not at 3:2', async () => {
    const wide = new ScriptedModel([{ region: FULL, faces: [] }, { region: LEFT, faces: [] }, { region: RIGHT, faces: [] }]);
    await new BlazeFaceDetector(wide, { ...single, smallFaceTiles: true }).detect(blankFrame(1280, 720));
    expect(wide.calls).toBe(3); // 640 px small tiles against 720 px square ones
    const photo: Region = { x: 0, y: 0, width: 1024, height: 683 };
    const squares = [{ x: 0, y: 0, width: 683, height: 683 }, { x: 341, y: 0, width: 683, height: 683 }];
    const small = smallFaceTiles(1024, 683);
    const passes = [photo, ...squares, ...small].map((region) => ({ region, faces: [] }));
    const both = new ScriptedModel(passes);
    await new BlazeFaceDetector(both, { ...single, smallFaceTiles: true }).detect(blankFrame(1024, 683));
    expect(both.calls).toBe(1 + 2 + small.length); // 512 px small tiles against 683 px square ones
  });

  it('keeps from a small-face tile only faces up to a quarter of its side', async () => {
    const tiles = smallFaceTiles(640, 480); // 320 px tiles: faces up to 80 px
    const big = face(20, 20, 100, 0.95); // the full pass's job
    const small = face(30, 200, 80, 0.9);
    const model = new ScriptedModel([{ region: FRAME, faces: [] }, ...tiles.map((t, i) => ({ region: t, faces: i === 0 ? [big, small] : [] }))]);
    const { faces } = await new BlazeFaceDetector(model, { ...single, smallFaceTiles: true }).detect(frame);
    expect(faces).toHaveLength(1);
    expect(iou(faces[0], small)).toBeGreaterThan(0.99);
  });

  it('runs the small-face tiles after the full pass and keeps a face only a tile sees', async () => {
    const tiles = smallFaceTiles(640, 480);
    const tiny = face(400, 300, 20, 0.9);
    const model = new ScriptedModel([{ region: FRAME, faces: [] }, ...tiles.map((t, i) => ({ region: t, faces: i === tiles.length - 1 ? [tiny] : [] }))]);
    const { faces } = await new BlazeFaceDetector(model, { ...single, smallFaceTiles: true }).detect(frame);
    expect(model.calls).toBe(1 + tiles.length);
    expect(faces).toHaveLength(1);
    expect(iou(faces[0], tiny)).toBeGreaterThan(0.99);
  });
});
