import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cosineSimilarity, DEFAULT_RECOGNITION_THRESHOLD, type AnalysedFace, type Frame } from '@argus/domain';
import sharp from 'sharp';
import { astronautFrame, pasteInto, transformFrame } from '../../test/frames';
import { createFaceDetector } from '../detector';
import { packageDir } from '../model/model-assets';
import { FaceApiEmbedder, faceApiModelName } from './embedding-model';
import { LocalFaceAnalyser } from './face-analyser';

/**
 * Real models, in process. The same person: the astronaut fixture and a mirrored, rescaled copy.
 * Other people: the group photo that ships with @vladmandic/face-api (read from node_modules, not
 * copied into the repository).
 */
describe('LocalFaceAnalyser (BlazeFace + face-api embeddings)', () => {
  let analyser: LocalFaceAnalyser;
  let astronaut: AnalysedFace;

  beforeAll(async () => {
    analyser = new LocalFaceAnalyser(await createFaceDetector(), await FaceApiEmbedder.load());
    [astronaut] = await analyser.analyse(astronautFrame());
  }, 60_000);

  afterAll(() => analyser.close());

  const vec = (face: AnalysedFace) => {
    if (!face.embedding) throw new Error(`no embedding (${face.quality.rejection ?? 'not asked'})`);
    return face.embedding.vector;
  };

  const only = async (frame: Frame) => {
    const faces = await analyser.analyse(frame);
    expect(faces).toHaveLength(1);
    return faces[0];
  };

  it('finds, grades and embeds the astronaut', () => {
    expect(analyser.model).toBe(faceApiModelName());
    expect(astronaut.quality.rejection).toBeUndefined();
    expect(astronaut.quality.size).toBeGreaterThan(60);
    expect(Math.abs(astronaut.quality.yaw)).toBeLessThan(20);
    expect(astronaut.embedding?.model).toBe(analyser.model);
    expect(astronaut.embedding?.vector).toHaveLength(128);
    const v = astronaut.embedding?.vector ?? [];
    expect(cosineSimilarity(v, v)).toBeCloseTo(1, 5);
  });

  it('embeds the same face mirrored and rescaled close to itself (above the matching threshold)', async () => {
    const other = await only(await transformFrame(astronautFrame(), (img) => img.flop().resize(440, 440)));
    expect(other.quality.rejection).toBeUndefined();
    expect(cosineSimilarity(vec(astronaut), vec(other))).toBeGreaterThan(DEFAULT_RECOGNITION_THRESHOLD);
  });

  it('finds a face that fills a tight head-and-shoulders crop', async () => {
    const box = astronaut.box;
    const margin = Math.round(box.width * 0.3);
    const region = { left: Math.round(box.x) - margin, top: Math.round(box.y) - margin, width: Math.round(box.width) + 2 * margin, height: Math.round(box.height) + 2 * margin };
    const tight = await only(await transformFrame(astronautFrame(), (img) => img.extract(region).resize(160, 160)));
    expect(tight.box.width).toBeGreaterThan(90);
    expect(cosineSimilarity(vec(astronaut), vec(tight))).toBeGreaterThan(DEFAULT_RECOGNITION_THRESHOLD);
  });

  it('rejects a blurred face and embeds nothing', async () => {
    const blurred = await only(await transformFrame(astronautFrame(), (img) => img.blur(3)));
    expect(blurred.quality.rejection).toBe('too-blurred');
    expect(blurred.embedding).toBeNull();
  });

  it('rejects a face too small to recognise', async () => {
    const small = await transformFrame(astronautFrame(), (img) => img.resize(150, 150));
    const face = await only(pasteInto(small, 640, 360, 200, 100));
    expect(face.quality.rejection).toBe('too-small');
    expect(face.embedding).toBeNull();
  });

  it('skips the embedding when asked to, and looks only in the given regions', async () => {
    const [face] = await analyser.analyse(astronautFrame(), { embed: false });
    expect(face.embedding).toBeNull();
    expect(await analyser.analyse(astronautFrame(), { regions: [{ x: 0, y: 200, width: 100, height: 100 }] })).toEqual([]);
  });

  const groupPhoto = join(packageDir('@vladmandic/face-api'), 'demo', 'sample1.jpg');
  (existsSync(groupPhoto) ? it : it.skip)('keeps other people below the matching threshold', async () => {
    const { data, info } = await sharp(groupPhoto).resize(960).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const faces = (await analyser.analyse({ width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) })).filter((f) => f.embedding);
    expect(faces.length).toBeGreaterThanOrEqual(2);
    for (const face of faces) expect(cosineSimilarity(vec(astronaut), vec(face))).toBeLessThan(DEFAULT_RECOGNITION_THRESHOLD);
    expect(cosineSimilarity(vec(faces[0]), vec(faces[1]))).toBeLessThan(DEFAULT_RECOGNITION_THRESHOLD);
  });
});
