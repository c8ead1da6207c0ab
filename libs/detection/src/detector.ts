import type { DetectionResult, DetectOptions, FaceBox, FaceDetector, Frame } from '@argus/domain';
import { letterbox, toFramePixels } from './geometry/letterbox';
import { nonMaxSuppression } from './geometry/nms';
import { clipToFrame, type Region } from './geometry/region';
import { toModelInput } from './geometry/resample';
import { dropCutAtTileEdges, squareTiles } from './geometry/tiling';
import { smallFaceTiles } from './faces/grid-tiles';
import { fuseScores } from './faces/score-fusion';
import { SsdFaceVerifier, type FaceVerifier } from './faces/ssd-verifier';
import type { KeypointFace } from './model/blazeface-decoder';
import type { BlazeFaceModel } from './model/blazeface-model';
import { OnnxBlazeFaceModel } from './model/onnx-model';
import { TfjsBlazeFaceModel } from './model/tfjs-model';
import { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings } from './settings';

/** Small-face tiles run only when they magnify at least this much more than the square tiles. */
export const SMALL_TILE_MIN_GAIN = 1.25;

/** Faces found in one pass over one region of the frame, in frame pixels. */
interface PassResult<T extends FaceBox = FaceBox> {
  region: Region;
  boxes: T[];
}

/** A region to run BlazeFace on; `small`: a small-face tile (only its small faces are kept). */
interface PassRegion {
  region: Region;
  small?: boolean;
}

/**
 * A small-face tile keeps faces up to this fraction of its side: larger ones are the full pass's
 * (at a quarter of a half-frame tile they are ≥ 32 px in the full pass, well within its reach), and
 * BlazeFace's box and key points of a face that fills a tile are poor, which would blur the full
 * pass's good ones in the merge (recognition aligns on those key points).
 */
export const SMALL_TILE_MAX_FACE = 0.25;

/**
 * In-process face detector: BlazeFace over the frame and its tiles (letterbox → model (decode,
 * threshold, NMS) → map back to frame pixels → merge), then, with a verifier, the second stage on
 * the candidates only (SSD on a crop around each, scores fused). Runs on the calling thread; the
 * live pipeline uses it inside DetectionPool's workers, the CLI and the evaluation use it directly.
 */
export class BlazeFaceDetector implements FaceDetector {
  constructor(
    private readonly model: BlazeFaceModel,
    readonly settings: DetectorSettings = DEFAULT_DETECTOR_SETTINGS,
    /** The second stage; none: BlazeFace's boxes and scores as they come. */
    private readonly verifier?: FaceVerifier,
  ) {}

  get modelName(): string {
    return this.model.name;
  }

  async detect(frame: Frame, options: DetectOptions = {}): Promise<DetectionResult> {
    const started = performance.now();
    const found = await this.detectWithKeypoints(frame, options);
    const faces = found.map(({ keypoints: _, ...box }) => box);
    return { faces, ms: performance.now() - started };
  }

  /**
   * The same faces as detect() (same passes, merge, second stage and boxes), each with its six key
   * points in frame pixels: what recognition aligns on.
   */
  async detectWithKeypoints(frame: Frame, options: DetectOptions = {}): Promise<KeypointFace[]> {
    const minScore = options.minScore ?? this.settings.minScore;
    const verifier = this.verifier;
    // With a second stage, BlazeFace only proposes: its threshold is the (lower) candidate score.
    const candidateScore = verifier ? Math.min(this.settings.candidateScore, minScore) : minScore;
    const passes: PassResult<KeypointFace>[] = [];
    for (const { region, small } of this.regions(frame)) {
      const pass = await this.pass(frame, region, candidateScore);
      if (small) pass.boxes = pass.boxes.filter((b) => b.height <= region.height * SMALL_TILE_MAX_FACE);
      passes.push(pass);
    }
    const minSize = this.settings.minFaceSize;
    const candidates = this.merge(frame, passes).filter((f) => f.width >= minSize && f.height >= minSize);
    if (!verifier || candidates.length === 0) return candidates;
    const second = await verifier.verify(frame, candidates);
    return candidates
      .map((face, i) => ({ ...face, score: fuseScores(face.score, second[i]) }))
      .filter((face) => face.score >= minScore)
      .sort((a, b) => b.score - a.score);
  }

  /**
   * The full frame first, then the wide-frame square tiles, then the small-face tiles (as settings
   * allow). Small-face tiles hardly smaller than the square tiles (16:9: 640 against 720 px) would
   * only repeat them at 3× the passes, so they are left out there.
   */
  private regions(frame: Frame): PassRegion[] {
    const { width, height } = frame;
    const regions: PassRegion[] = [{ region: { x: 0, y: 0, width, height } }];
    const square = this.settings.tiling ? squareTiles(width, height) : [];
    regions.push(...square.map((region) => ({ region })));
    if (this.settings.smallFaceTiles) {
      const small = smallFaceTiles(width, height);
      const gain = square.length > 0 && small.length > 0 ? square[0].width / small[0].width : Infinity;
      if (gain >= SMALL_TILE_MIN_GAIN) regions.push(...small.map((region) => ({ region, small: true })));
    }
    return regions;
  }

  async close(): Promise<void> {
    await this.model.dispose();
    await this.verifier?.dispose();
  }

  private async pass(frame: Frame, region: Region, minScore: number): Promise<PassResult<KeypointFace>> {
    const lb = letterbox(region, this.model.inputSize);
    const inInput = await this.model.detect(toModelInput(frame, lb), minScore, true);
    return {
      region,
      boxes: inInput.map((box) => ({
        ...toFramePixels(box, lb),
        keypoints: (box.keypoints ?? []).map((v, i) => (i % 2 === 0 ? lb.region.x + (v - lb.padX) / lb.scale : lb.region.y + (v - lb.padY) / lb.scale)),
      })),
    };
  }

  private merge<T extends FaceBox>(frame: Frame, passes: PassResult<T>[]): T[] {
    const [full, ...tiles] = passes;
    const candidates = [
      ...full.boxes,
      ...tiles.flatMap((t) => dropCutAtTileEdges({ tile: t.region, boxes: t.boxes }, frame.width, frame.height)),
    ];
    const merged = tiles.length > 0 ? nonMaxSuppression(candidates, this.settings.nms) : candidates;
    return merged
      .map((box) => clipToFrame(box, frame.width, frame.height))
      .filter((box) => box.width > 0 && box.height > 0);
  }
}

/** Loads the model the settings name and wraps it in a detector. */
export async function createFaceDetector(
  settings: Partial<DetectorSettings> = {},
): Promise<BlazeFaceDetector> {
  const full = { ...DEFAULT_DETECTOR_SETTINGS, ...settings };
  const model =
    full.engine === 'onnx'
      ? await OnnxBlazeFaceModel.load(full.variant, { nms: full.nms })
      : await TfjsBlazeFaceModel.load(full.variant, full.tfjsBackend, full.nms);
  return new BlazeFaceDetector(model, full, full.verify ? await SsdFaceVerifier.load() : undefined);
}

/** The TensorFlow.js detector (in-process), the reference implementation of the FaceDetector port. */
export class TfjsBlazeFaceDetector extends BlazeFaceDetector {
  static async load(settings: Partial<Omit<DetectorSettings, 'engine'>> = {}): Promise<TfjsBlazeFaceDetector> {
    const full = { ...DEFAULT_DETECTOR_SETTINGS, ...settings, engine: 'tfjs' as const };
    const verifier = full.verify ? await SsdFaceVerifier.load() : undefined;
    return new TfjsBlazeFaceDetector(await TfjsBlazeFaceModel.load(full.variant, full.tfjsBackend, full.nms), full, verifier);
  }
}

/** The ONNX Runtime detector (in-process): same model family, same pre- and post-processing. */
export class OnnxBlazeFaceDetector extends BlazeFaceDetector {
  static async load(settings: Partial<Omit<DetectorSettings, 'engine'>> = {}): Promise<OnnxBlazeFaceDetector> {
    const full = { ...DEFAULT_DETECTOR_SETTINGS, ...settings, engine: 'onnx' as const };
    const verifier = full.verify ? await SsdFaceVerifier.load() : undefined;
    return new OnnxBlazeFaceDetector(await OnnxBlazeFaceModel.load(full.variant, { nms: full.nms }), full, verifier);
  }
}
