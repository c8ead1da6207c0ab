import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import { anEmbedding, anOperator, aPerson, aViewer, testFrame, unitVector } from '../../testing';
import { anAlert, peopleWorld } from '../../testing/people-world';
import { UnknownGroups } from './unknown-groups';

const T0 = new Date('2026-01-01T00:00:00Z');

async function setup() {
  const world = await peopleWorld();
  const see = (vector: number[], cameraId: string, minutes: number) =>
    world.deps.grouper.record({
      cameraId,
      alertId: `alert-${minutes}`,
      frame: testFrame({ width: 320, height: 240 }),
      box: { x: minutes, y: 10, width: 50, height: 60 },
      embedding: anEmbedding(vector),
      quality: 0.5 + minutes / 100,
      seenAt: new Date(T0.getTime() + minutes * 60_000),
    });
  const stranger = await see(unitVector(0), 'c1', 1);
  await see(unitVector(0, { tilt: 0.2 }), 'c2', 2);
  const other = await see(unitVector(4), 'c1', 3);
  return { ...world, see, strangerId: stranger.groupId, otherId: other.groupId, groups: new UnknownGroups(world.deps) };
}

describe('UnknownGroups', () => {
  it('lists groups, most recently seen first, with sample faces', async () => {
    const { groups, strangerId, otherId } = await setup();
    const page = await groups.list(anOperator(), 1, 10);
    expect(page).toMatchObject({ total: 2, page: 1, limit: 10 });
    expect(page.items.map((e) => e.group.id)).toEqual([otherId, strangerId]);
    expect(page.items[1].group).toMatchObject({ faceCount: 2, cameraIds: ['c1', 'c2'] });
    expect(page.items[1].samples.map((f) => f.imageKey)).toHaveLength(2);
  });

  it('assigns a group to a new person: its faces and crops become theirs, and they are recognised', async () => {
    const { groups, strangerId, unknowns, faces, crops, deps } = await setup();
    const keys = (await unknowns.listFaces(strangerId)).map((f) => f.imageKey);
    const person = await groups.assign(anOperator(), strangerId, { name: 'Dave' });
    expect(person).toMatchObject({ name: 'Dave', alert: false, faceCount: 2 });
    const theirs = await faces.listByPerson(person.id);
    expect(theirs.map((f) => f.imageKey)).toEqual(keys);
    expect(theirs[0]).toMatchObject({ box: { x: 1, y: 10, width: 50, height: 60 }, quality: 0.51, sourceAlertId: 'alert-1' });
    expect(keys.every((k) => crops.crops.has(k))).toBe(true);
    expect(await unknowns.findById(strangerId)).toBeNull();
    expect(deps.matcher.match(anEmbedding(unitVector(0)))?.personId).toBe(person.id);
    expect(deps.grouper.nearest(anEmbedding(unitVector(0)))).toBeNull();
  });

  it("assigns a group to an existing person, whose name the group's past alerts then show", async () => {
    const { groups, otherId, strangerId, people, faces, alerts } = await setup();
    await alerts.add(anAlert({ alertId: 'seen-other', person: null, unknownId: otherId }));
    await alerts.add(anAlert({ alertId: 'seen-stranger', person: null, unknownId: strangerId }));
    await people.create(aPerson({ id: 'p1', name: 'Alice' }));
    expect(await groups.assign(anOperator(), otherId, { personId: 'p1' })).toMatchObject({ id: 'p1', faceCount: 1 });
    expect(await faces.listByPerson('p1')).toHaveLength(1);
    expect(await alerts.findById('seen-other')).toMatchObject({ person: { id: 'p1', name: 'Alice', similarity: 1 }, unknownId: null });
    expect(await alerts.findById('seen-stranger')).toMatchObject({ person: null, unknownId: strangerId });
  });

  it('refuses an assignment without exactly one of personId and name, to an unknown person, or to a taken name', async () => {
    const { groups, strangerId, people, unknowns } = await setup();
    await people.create(aPerson({ id: 'p1', name: 'Alice' }));
    await expect(groups.assign(anOperator(), strangerId, {})).rejects.toThrow(ValidationError);
    await expect(groups.assign(anOperator(), strangerId, { personId: 'p1', name: 'X' })).rejects.toThrow(ValidationError);
    await expect(groups.assign(anOperator(), strangerId, { personId: 'p9' })).rejects.toThrow(NotFoundError);
    await expect(groups.assign(anOperator(), strangerId, { name: 'alice' })).rejects.toThrow(ConflictError);
    await expect(groups.assign(anOperator(), 'g9', { name: 'Eve' })).rejects.toThrow(NotFoundError);
    expect(await unknowns.findById(strangerId)).not.toBeNull();
  });

  it('dismisses a group with its crops', async () => {
    const { groups, strangerId, otherId, unknowns, crops, deps, cooldown } = await setup();
    const stranger = { kind: 'unknown' as const, groupId: strangerId };
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: stranger, cameraQuiet: false })).toBe(true);
    await groups.dismiss(anOperator(), strangerId);
    expect(cooldown.shouldAlert({ cameraId: 'c2', identity: stranger, cameraQuiet: false })).toBe(true);
    expect(await unknowns.findById(strangerId)).toBeNull();
    expect([...crops.crops.keys()].every((k) => k.startsWith(`unknowns/${otherId}/`))).toBe(true);
    expect(deps.grouper.nearest(anEmbedding(unitVector(0)))).toBeNull();
    await expect(groups.dismiss(anOperator(), strangerId)).rejects.toThrow(NotFoundError);
  });

  it('forbids viewers', async () => {
    const { groups, strangerId } = await setup();
    await expect(groups.list(aViewer())).rejects.toThrow(ForbiddenError);
    await expect(groups.assign(aViewer(), strangerId, { name: 'X' })).rejects.toThrow(ForbiddenError);
    await expect(groups.dismiss(aViewer(), strangerId)).rejects.toThrow(ForbiddenError);
  });
});
