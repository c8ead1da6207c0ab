import { anAnalysedFace, anEmbedding, aPerson, testFrame, unitVector } from '../../testing';
import { peopleWorld } from '../../testing/people-world';
import { ReembedFaces } from './reembed-faces';

describe('ReembedFaces', () => {
  it('gives faces of an older model an embedding of the current one, from their crops', async () => {
    const world = await peopleWorld();
    const { faces, crops, analyser, deps } = world;
    await world.people.create(aPerson({ id: 'p1' }));
    const face = (id: string, model: string) => ({
      id,
      personId: 'p1',
      box: { x: 0, y: 0, width: 100, height: 100 },
      quality: 0.9,
      imageKey: `faces/p1/${id}.jpg`,
      embeddings: [{ model, vector: unitVector(1) }],
      sourceAlertId: null,
      createdAt: new Date('2026-01-01T00:00:00Z'),
    });
    await faces.add(face('old', 'older-model@1'));
    await faces.add(face('current', analyser.model));
    await faces.add(face('lost', 'older-model@1'));
    await crops.saveCrop('faces/p1/old.jpg', testFrame({ width: 640, height: 480 }), { x: 0, y: 0, width: 1, height: 1 });
    // The decoded crop is 640×480: its face covers the centre.
    analyser.faces = [anAnalysedFace({ box: { x: 200, y: 120, width: 240, height: 240 }, embedding: anEmbedding(unitVector(3)) })];

    expect(await new ReembedFaces(deps).execute()).toEqual({ reembedded: 1, skipped: 1, deferred: 0 });
    const old = await faces.findById('old');
    expect(old?.embeddings.map((e) => e.model).sort()).toEqual([analyser.model, 'older-model@1'].sort());
    expect(analyser.calls).toHaveLength(1);
    // Nothing left to do on the next start.
    expect(await new ReembedFaces(deps).execute()).toEqual({ reembedded: 0, skipped: 1, deferred: 0 });
  });

  it('skips a crop that no longer shows a usable face', async () => {
    const world = await peopleWorld();
    await world.people.create(aPerson({ id: 'p1' }));
    await world.faces.add({
      id: 'f1', personId: 'p1', box: { x: 0, y: 0, width: 9, height: 9 }, quality: 0.2, imageKey: 'faces/p1/f1.jpg',
      embeddings: [{ model: 'older-model@1', vector: unitVector(1) }], sourceAlertId: null, createdAt: new Date(),
    });
    await world.crops.saveCrop('faces/p1/f1.jpg', testFrame({ width: 640, height: 480 }), { x: 0, y: 0, width: 1, height: 1 });
    world.analyser.faces = [anAnalysedFace({ box: { x: 300, y: 220, width: 40, height: 40 }, quality: { size: 20, sharpness: 3, yaw: 0, score: 0.1, rejection: 'too-small' } })];
    expect(await new ReembedFaces(world.deps).execute()).toEqual({ reembedded: 0, skipped: 1, deferred: 0 });
  });

  it('leaves a face whose crop cannot be read now for the next start, without failing', async () => {
    const world = await peopleWorld();
    await world.people.create(aPerson({ id: 'p1' }));
    await world.faces.add({
      id: 'f1', personId: 'p1', box: { x: 0, y: 0, width: 90, height: 90 }, quality: 0.9, imageKey: 'faces/p1/f1.jpg',
      embeddings: [{ model: 'older-model@1', vector: unitVector(1) }], sourceAlertId: null, createdAt: new Date(),
    });
    world.crops.read = async () => {
      throw new Error('the media store is away');
    };
    expect(await new ReembedFaces(world.deps).execute()).toEqual({ reembedded: 0, skipped: 0, deferred: 1 });
  });
});
