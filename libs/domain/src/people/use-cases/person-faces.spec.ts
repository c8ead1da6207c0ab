import { ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../../shared/errors';
import { anAdmin, anAnalysedFace, anEmbedding, anOperator, aPerson, aViewer, testFrame, unitVector } from '../../testing';
import { anAlert, peopleWorld } from '../../testing/people-world';
import { PersonFaces } from './person-faces';

const photo = testFrame({ width: 640, height: 480 });

async function setup() {
  const world = await peopleWorld();
  await world.people.create(aPerson());
  return { ...world, faces: world.faces, personFaces: new PersonFaces(world.deps) };
}

describe('PersonFaces', () => {
  it('enrols the main face of a photo: crop, face with quality and model-tagged embedding, and matching', async () => {
    const { personFaces, analyser, crops, faces, deps } = await setup();
    analyser.faces = [
      anAnalysedFace({ box: { x: 200, y: 100, width: 200, height: 240 }, quality: { size: 200, sharpness: 300, yaw: 2, score: 0.93 } }),
      anAnalysedFace({ box: { x: 10, y: 10, width: 40, height: 48 }, embedding: anEmbedding(unitVector(5)) }),
    ];
    const face = await personFaces.enrolImage(anOperator(), 'p1', photo);
    expect(face).toMatchObject({
      id: 'id-1',
      personId: 'p1',
      box: { x: 200, y: 100, width: 200, height: 240 },
      quality: 0.93,
      imageKey: 'faces/p1/id-1.jpg',
      sourceAlertId: null,
      embeddings: [anEmbedding(unitVector(0))],
    });
    expect(crops.crops.get('faces/p1/id-1.jpg')).toEqual(face.box);
    expect(faces.rows.get('id-1')).toEqual(face);
    expect(deps.matcher.match(anEmbedding(unitVector(0)))?.personId).toBe('p1');
    expect(await personFaces.list(anAdmin(), 'p1')).toEqual([face]);
  });

  it('answers 422 saying why a photo enrols nothing', async () => {
    const { personFaces, analyser, crops, faces } = await setup();
    analyser.faces = [];
    await expect(personFaces.enrolImage(anOperator(), 'p1', photo)).rejects.toThrow(new UnprocessableError('No face found in the image'));
    analyser.faces = [anAnalysedFace(), anAnalysedFace({ box: { x: 300, y: 100, width: 90, height: 110 } })];
    await expect(personFaces.enrolImage(anOperator(), 'p1', photo)).rejects.toThrow(/none is clearly the main one/);
    analyser.faces = [anAnalysedFace({ quality: { size: 20, sharpness: 300, yaw: 0, score: 0.2, rejection: 'too-small' }, embedding: null })];
    await expect(personFaces.enrolImage(anOperator(), 'p1', photo)).rejects.toThrow(/too small/);
    expect(faces.rows.size).toBe(0);
    expect(crops.crops.size).toBe(0);
  });

  it('forbids viewers, and answers 404 for an unknown person or face', async () => {
    const { personFaces } = await setup();
    await expect(personFaces.enrolImage(aViewer(), 'p1', photo)).rejects.toThrow(ForbiddenError);
    await expect(personFaces.list(aViewer(), 'p1')).rejects.toThrow(ForbiddenError);
    await expect(personFaces.enrolImage(anOperator(), 'p9', photo)).rejects.toThrow(NotFoundError);
    await expect(personFaces.delete(anOperator(), 'p1', 'f9')).rejects.toThrow(NotFoundError);
  });

  it("deletes a face with its crop and embedding; another person's face is not found", async () => {
    const { personFaces, analyser, people, crops, deps } = await setup();
    await people.create(aPerson({ id: 'p2', name: 'Bob' }));
    analyser.faces = [anAnalysedFace()];
    const face = await personFaces.enrolImage(anOperator(), 'p1', photo);
    await expect(personFaces.delete(anOperator(), 'p2', face.id)).rejects.toThrow(NotFoundError);
    await personFaces.delete(anOperator(), 'p1', face.id);
    expect(crops.crops.size).toBe(0);
    expect(await personFaces.list(anOperator(), 'p1')).toEqual([]);
    expect(deps.matcher.match(anEmbedding(unitVector(0)))).toBeNull();
  });

  it("enrols the face of an alert the caller may see, from the alert's snapshot", async () => {
    const { personFaces, analyser, alerts, snapshots } = await setup();
    const snapshotKey = await snapshots.save('c1', new Uint8Array([1, 2, 3]));
    await alerts.add(anAlert({ alertId: 'a1', cameraId: 'c1', snapshotKey }));
    await alerts.add(anAlert({ alertId: 'a2', cameraId: 'c2', snapshotKey }));
    await alerts.add(anAlert({ alertId: 'a3', cameraId: 'c1' }));
    analyser.faces = [anAnalysedFace({ box: { x: 400, y: 0, width: 50, height: 50 } }), anAnalysedFace()];
    const face = await personFaces.enrolAlert(anOperator(), 'p1', 'a1');
    expect(face).toMatchObject({ personId: 'p1', sourceAlertId: 'a1', box: { x: 100, y: 100, width: 100, height: 120 } });
    expect(analyser.calls.at(-1)?.options).toEqual({ regions: [{ x: 100, y: 100, width: 100, height: 120 }] });
    await expect(personFaces.enrolAlert(anOperator(), 'p1', 'a2')).rejects.toThrow(new NotFoundError('Alert not found'));
    await expect(personFaces.enrolAlert(anOperator(), 'p1', 'a3')).rejects.toThrow(UnprocessableError);
    await expect(personFaces.enrolAlert(anOperator(), 'p1', 42)).rejects.toThrow(ValidationError);
  });

  it("finds the face of a snapshot smaller than the camera's picture, where the alert's box says", async () => {
    const { personFaces, analyser, alerts, snapshots } = await setup();
    const snapshotKey = await snapshots.save('c1', new Uint8Array([1, 2, 3]));
    // A 1280×960 camera; its snapshot decodes to 640×480.
    await alerts.add(anAlert({ alertId: 'a1', snapshotKey, bbox: { x: 200, y: 200, width: 200, height: 240 }, meta: { score: 0.9, frameWidth: 1280, frameHeight: 960, faces: 1 } }));
    analyser.faces = [anAnalysedFace({ box: { x: 101, y: 99, width: 98, height: 121 } })];
    await personFaces.enrolAlert(anOperator(), 'p1', 'a1');
    expect(analyser.calls.at(-1)?.options).toEqual({ regions: [{ x: 100, y: 100, width: 100, height: 120 }] });
  });

  it("prefers the alert's kept clean face to its snapshot, taking the face at the crop's centre", async () => {
    const { personFaces, analyser, alerts, snapshots, crops } = await setup();
    const snapshotKey = await snapshots.save('c1', new Uint8Array([1, 2, 3]));
    await alerts.add(anAlert({ alertId: 'a1', cameraId: 'c1', snapshotKey }));
    await crops.saveCrop('alerts/c1/a1.jpg', photo, { x: 0, y: 0, width: 1, height: 1 });
    // The decoded crop is 640×480: the face over its centre is the alert's, the one at the edge a neighbour's.
    analyser.faces = [anAnalysedFace({ box: { x: 0, y: 0, width: 300, height: 300 } }), anAnalysedFace({ box: { x: 250, y: 150, width: 140, height: 170 } })];
    const face = await personFaces.enrolAlert(anOperator(), 'p1', 'a1');
    expect(face.box).toEqual({ x: 250, y: 150, width: 140, height: 170 });
    expect(analyser.calls.at(-1)?.options).toBeUndefined();

    // No face over the centre of the kept crop: the snapshot is read instead.
    analyser.faces = [anAnalysedFace({ box: { x: 0, y: 0, width: 50, height: 50 } })];
    await expect(personFaces.enrolAlert(anOperator(), 'p1', 'a1')).rejects.toThrow(UnprocessableError);
    expect(analyser.calls.at(-1)?.options).toEqual({ regions: [anAlert().bbox] });
  });
});
