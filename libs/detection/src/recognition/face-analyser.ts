import type { AnalysedFace, AnalyseOptions, BoundingBox, FaceAnalyser, Frame } from '@argus/domain';
import type { BlazeFaceDetector } from '../detector';
import type { KeypointFace } from '../model/blazeface-decoder';
import { alignFace, eyesFromKeypoints } from './alignment';
import type { EmbeddingModel } from './embedding-model';
import { padFrame } from './padding';
import { gradeFace, SHARPNESS_TEMPLATE } from './quality';
import { DEFAULT_RECOGNITION_SETTINGS, type RecognitionSettings } from './recognition-settings';

/**
 * FaceAnalyser on the calling thread: BlazeFace (with key points) → eyes-level alignment → quality
 * gates → embedding. The pool runs one in each worker; the evaluation and the benchmark use it directly.
 */
export class LocalFaceAnalyser implements FaceAnalyser {
  constructor(
    private readonly detector: BlazeFaceDetector,
    private readonly embedder: EmbeddingModel,
    readonly settings: RecognitionSettings = DEFAULT_RECOGNITION_SETTINGS,
  ) {}

  get model(): string {
    return this.embedder.name;
  }

  async analyse(frame: Frame, options: AnalyseOptions = {}): Promise<AnalysedFace[]> {
    // Regions come from a detection that already found faces there: no padded retry for those.
    const faces = (await this.findFaces(frame, !options.regions)).filter((face) => inAnyRegion(face, options.regions));
    const analysed: AnalysedFace[] = [];
    for (const face of faces) analysed.push(await this.analyseFace(frame, face, options.embed ?? true));
    return analysed;
  }

  async close(): Promise<void> {
    await this.embedder.dispose();
    await this.detector.close();
  }

  private async findFaces(frame: Frame, mayRetry: boolean): Promise<KeypointFace[]> {
    const faces = await this.detector.detectWithKeypoints(frame);
    if (faces.length > 0 || !mayRetry || !(this.settings.retryPadding > 0)) return faces;
    const padded = padFrame(frame, this.settings.retryPadding);
    const found = await this.detector.detectWithKeypoints(padded.frame);
    const o = padded.offset;
    return found
      .map((f) => ({ ...clip(f, o, frame), score: f.score, keypoints: f.keypoints.map((v) => v - o) }))
      .filter((f) => f.width > 0 && f.height > 0);
  }

  private async analyseFace(frame: Frame, face: KeypointFace, embed: boolean): Promise<AnalysedFace> {
    const { left, right } = eyesFromKeypoints(face.keypoints);
    const sharpnessCrop = alignFace(frame, left, right, SHARPNESS_TEMPLATE);
    const quality = gradeFace({ width: face.width, score: face.score, keypoints: face.keypoints, sharpnessCrop }, this.settings.gates);
    const box: BoundingBox = { x: face.x, y: face.y, width: face.width, height: face.height };
    let embedding: AnalysedFace['embedding'] = null;
    if (embed && !quality.rejection) {
      const vector = await this.embedder.embed(alignFace(frame, left, right, this.embedder.template));
      embedding = { model: this.embedder.name, vector: Array.from(vector) };
    }
    return { box, score: face.score, quality, embedding };
  }
}

/** A box found in the padded frame, back in the original frame's pixels and clipped to it. */
function clip(face: KeypointFace, offset: number, frame: Frame): BoundingBox {
  const x1 = Math.max(0, face.x - offset);
  const y1 = Math.max(0, face.y - offset);
  const x2 = Math.min(frame.width, face.x + face.width - offset);
  const y2 = Math.min(frame.height, face.y + face.height - offset);
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

function inAnyRegion(face: BoundingBox, regions: readonly BoundingBox[] | undefined): boolean {
  if (!regions) return true;
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height / 2;
  return regions.some((r) => cx >= r.x && cx <= r.x + r.width && cy >= r.y && cy <= r.y + r.height);
}
