import { ForbiddenError } from '../../shared/errors';
import { anAnalysedFace, anEmbedding, anOperator, aPerson, aViewer, testFrame, unitVector } from '../../testing';
import { peopleWorld } from '../../testing/people-world';
import { RecognizeFaces } from './recognize-faces';

describe('RecognizeFaces', () => {
  it('answers every face of the image, named when it matches an enrolled person', async () => {
    const { deps, people, analyser } = await peopleWorld();
    await people.create(aPerson({ id: 'p1', name: 'Alice' }));
    deps.matcher.add('test-model@1', { faceId: 'f1', personId: 'p1', vector: unitVector(0) });
    deps.matcher.add('test-model@1', { faceId: 'f2', personId: 'gone', vector: unitVector(6) });
    analyser.faces = [
      anAnalysedFace({ box: { x: 1, y: 2, width: 80, height: 90 }, score: 0.97 }),
      anAnalysedFace({ box: { x: 200, y: 2, width: 80, height: 90 }, score: 0.9, embedding: anEmbedding(unitVector(3)) }),
      anAnalysedFace({ box: { x: 400, y: 2, width: 20, height: 24 }, quality: { size: 20, sharpness: 9, yaw: 0, score: 0.1, rejection: 'too-small' }, embedding: null }),
      anAnalysedFace({ box: { x: 500, y: 2, width: 80, height: 90 }, embedding: anEmbedding(unitVector(6)) }),
    ];
    const result = await new RecognizeFaces(deps).recognize(anOperator(), testFrame({ width: 640, height: 480 }));
    expect(result).toEqual({
      width: 640,
      height: 480,
      faces: [
        { box: { x: 1, y: 2, width: 80, height: 90 }, score: 0.97, person: { id: 'p1', name: 'Alice', similarity: 1 } },
        { box: { x: 200, y: 2, width: 80, height: 90 }, score: 0.9, person: null },
        { box: { x: 400, y: 2, width: 20, height: 24 }, score: 0.95, person: null },
        // Matched to a person deleted meanwhile: nobody.
        { box: { x: 500, y: 2, width: 80, height: 90 }, score: 0.95, person: null },
      ],
    });
  });

  it('forbids viewers', async () => {
    const { deps } = await peopleWorld();
    await expect(new RecognizeFaces(deps).recognize(aViewer(), testFrame())).rejects.toThrow(ForbiddenError);
  });
});
