import { UnprocessableError } from '../shared/errors';
import { anAnalysedFace } from '../testing';
import { pickFaceAt, pickMainFace } from './enrolment';

const face = (x: number, size: number) => anAnalysedFace({ box: { x, y: 10, width: size, height: size } });

describe('pickMainFace', () => {
  it('takes the only face', () => {
    expect(pickMainFace([face(0, 100)]).face.box.x).toBe(0);
  });

  it('takes the subject of a photo with small faces behind them', () => {
    expect(pickMainFace([face(0, 40), face(100, 200), face(400, 60)]).face.box.x).toBe(100);
  });

  it('refuses a photo with no face', () => {
    expect(() => pickMainFace([])).toThrow(new UnprocessableError('No face found in the image'));
  });

  it('refuses several faces of similar size, saying so', () => {
    expect(() => pickMainFace([face(0, 100), face(200, 90)])).toThrow(/2 faces and none is clearly the main one/);
  });

  it.each([
    ['too-small', /too small/],
    ['too-blurred', /too blurred/],
    ['turned-away', /turned away/],
  ] as const)('refuses a main face that is %s, saying so', (rejection, message) => {
    const f = anAnalysedFace({ quality: { size: 20, sharpness: 1, yaw: 80, score: 0.1, rejection }, embedding: null });
    expect(() => pickMainFace([f])).toThrow(UnprocessableError);
    expect(() => pickMainFace([f])).toThrow(message);
  });

  it('refuses a face without an embedding', () => {
    expect(() => pickMainFace([anAnalysedFace({ embedding: null })])).toThrow(UnprocessableError);
  });
});

describe('pickFaceAt', () => {
  it('takes the face overlapping the box the most', () => {
    const picked = pickFaceAt([face(0, 100), face(300, 100)], { x: 290, y: 20, width: 100, height: 100 });
    expect(picked.face.box.x).toBe(300);
  });

  it('refuses when no face overlaps the box', () => {
    expect(() => pickFaceAt([face(0, 50)], { x: 500, y: 500, width: 10, height: 10 })).toThrow(UnprocessableError);
  });
});
