import type { FaceBox } from '@argus/domain';
import { matchImage, negativeFalsePositives, summarise } from './matching';

const det = (x: number, y: number, size: number, score = 0.9): FaceBox => ({ x, y, width: size, height: size, score });
const face = (x: number, y: number, w: number, h: number) => ({ x, y, width: w, height: h });

describe('matchImage', () => {
  it('counts a detection overlapping a face by IoU ≥ 0.4 as a hit, once per face', () => {
    const counts = matchImage([face(0, 0, 100, 100)], [det(10, 10, 100, 0.9), det(5, 5, 100, 0.8)], 24);
    expect(counts).toEqual({ faces: 1, truePositives: 1, falsePositives: 1, smallFaces: 0, smallTruePositives: 0 });
  });

  it('gives the face to the best-scoring detection first', () => {
    const truth = [face(0, 0, 100, 100), face(200, 0, 100, 100)];
    const counts = matchImage(truth, [det(0, 0, 100, 0.6), det(200, 0, 100, 0.9), det(600, 0, 50, 0.99)], 24);
    expect(counts).toEqual({ faces: 2, truePositives: 2, falsePositives: 1, smallFaces: 0, smallTruePositives: 0 });
  });

  it('treats faces and detections under the minimum height as "don’t care"', () => {
    const truth = [face(0, 0, 20, 20), face(100, 100, 50, 50)];
    const counts = matchImage(truth, [det(0, 0, 24, 0.9), det(400, 400, 10, 0.9)], 24);
    expect(counts).toEqual({ faces: 1, truePositives: 0, falsePositives: 0, smallFaces: 0, smallTruePositives: 0 });
  });

  it('counts faces from the minimum height up to 48 px apart as small, found or not', () => {
    const truth = [face(0, 0, 30, 30), face(100, 0, 47, 47), face(200, 0, 48, 48)];
    const counts = matchImage(truth, [det(0, 0, 30), det(200, 0, 48)], 24);
    expect(counts).toEqual({ faces: 3, truePositives: 2, falsePositives: 0, smallFaces: 2, smallTruePositives: 1 });
  });

  it('does not match below IoU 0.4', () => {
    const counts = matchImage([face(0, 0, 100, 100)], [det(50, 50, 100)], 24); // IoU = 2500 / 17500
    expect(counts).toEqual({ faces: 1, truePositives: 0, falsePositives: 1, smallFaces: 0, smallTruePositives: 0 });
  });
});

describe('summarise', () => {
  it('computes recall, precision and false positives per negative image', () => {
    const s = summarise(
      [
        { faces: 3, truePositives: 2, falsePositives: 1, smallFaces: 2, smallTruePositives: 1 },
        { faces: 1, truePositives: 1, falsePositives: 0, smallFaces: 2, smallTruePositives: 2 },
      ],
      [
        { hard: false, falsePositives: negativeFalsePositives([det(0, 0, 30), det(0, 0, 10)], 24) },
        { hard: true, falsePositives: 2 },
      ],
    );
    expect(s).toEqual({ recall: 0.75, smallRecall: 0.75, precision: 0.75, fpPerNegative: 1.5, fpPerHardNegative: 2 });
  });
});
