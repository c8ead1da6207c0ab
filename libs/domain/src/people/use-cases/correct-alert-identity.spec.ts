import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import { anAnalysedFace, anEmbedding, anOperator, aPerson, aViewer, TEST_MODEL, unitVector } from '../../testing';
import { anAlert, peopleWorld } from '../../testing/people-world';
import { CorrectAlertIdentity } from './correct-alert-identity';

const lookalike = unitVector(0, { towards: 2, tilt: 0.5 });

async function setup() {
  const world = await peopleWorld();
  await world.people.create(aPerson({ id: 'p1', name: 'Alice' }));
  await world.people.create(aPerson({ id: 'p2', name: 'Bob' }));
  world.deps.matcher.add(TEST_MODEL, { faceId: 'f1', personId: 'p1', vector: unitVector(0) });
  const snapshotKey = await world.snapshots.save('c1', new Uint8Array([1]));
  await world.alerts.add(anAlert({ alertId: 'a1', snapshotKey, person: { id: 'p1', name: 'Alice', similarity: 0.88 }, unknownId: null }));
  await world.alerts.add(anAlert({ alertId: 'a2', cameraId: 'c2', snapshotKey }));
  world.analyser.faces = [anAnalysedFace({ embedding: anEmbedding(lookalike) })];
  return { ...world, correct: new CorrectAlertIdentity(world.deps) };
}

describe('CorrectAlertIdentity', () => {
  it('moves the alert to the right person: the face joins them and counts as "not" the old match', async () => {
    const { correct, faces, deps } = await setup();
    expect(deps.matcher.match(anEmbedding(lookalike))?.personId).toBe('p1');
    const alert = await correct.execute(anOperator(), 'a1', { personId: 'p2' });
    expect(alert.person).toEqual({ id: 'p2', name: 'Bob', similarity: 1 });
    expect(alert.unknownId).toBeNull();
    expect(await faces.listByPerson('p2')).toMatchObject([{ sourceAlertId: 'a1' }]);
    expect(faces.negatives).toMatchObject([{ personId: 'p1', alertId: 'a1', model: TEST_MODEL }]);
    expect(deps.matcher.match(anEmbedding(lookalike))?.personId).toBe('p2');
  });

  it('announces the corrected alert to the camera\'s audience (alert_updated)', async () => {
    const { correct, publisher } = await setup();
    await correct.execute(anOperator(), 'a1', { personId: 'p2' });
    expect(publisher.updatedAlerts).toMatchObject([{ alert: { alertId: 'a1', person: { id: 'p2' } }, audience: { cameraId: 'c1', userIds: ['u-owner', 'u-viewer'], includeAdmins: true } }]);
  });

  it('marks the alert as nobody: the old match learns "not this person"', async () => {
    const { correct, faces, deps } = await setup();
    const alert = await correct.execute(anOperator(), 'a1', { personId: null });
    expect(alert.person).toBeNull();
    expect(faces.rows.size).toBe(0);
    expect(faces.negatives).toHaveLength(1);
    expect(deps.matcher.match(anEmbedding(lookalike))).toBeNull();
    expect(deps.matcher.match(anEmbedding(unitVector(0)))?.personId).toBe('p1');
  });

  it('changes nothing when the identity is already the one given', async () => {
    const { correct, faces, analyser, publisher } = await setup();
    expect((await correct.execute(anOperator(), 'a1', { personId: 'p1' })).person?.id).toBe('p1');
    expect(analyser.calls).toHaveLength(0);
    expect(faces.negatives).toHaveLength(0);
    expect(publisher.updatedAlerts).toHaveLength(0);
  });

  it('refuses viewers, alerts the caller may not see, unknown people and a missing personId', async () => {
    const { correct } = await setup();
    await expect(correct.execute(aViewer(), 'a1', { personId: 'p2' })).rejects.toThrow(ForbiddenError);
    await expect(correct.execute(anOperator(), 'a2', { personId: 'p2' })).rejects.toThrow(new NotFoundError('Alert not found'));
    await expect(correct.execute(anOperator(), 'a1', { personId: 'p9' })).rejects.toThrow(new NotFoundError('Person not found'));
    await expect(correct.execute(anOperator(), 'a1', {})).rejects.toThrow(ValidationError);
    await expect(correct.execute(anOperator(), 'a1', { personId: 7 })).rejects.toThrow(ValidationError);
  });
});
