import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import { aFace, anAdmin, anOperator, aPerson, aViewer } from '../../testing';
import { anAlert, peopleWorld } from '../../testing/people-world';
import { ManagePeople } from './manage-people';

async function setup() {
  const world = await peopleWorld();
  return { ...world, manage: new ManagePeople(world.deps) };
}

describe('ManagePeople', () => {
  it('creates a trusted person by default, trimming the name', async () => {
    const { manage, people } = await setup();
    const view = await manage.create(anOperator(), { name: '  Alice  ' });
    expect(view).toEqual({ id: 'id-1', name: 'Alice', alert: false, faceCount: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });
    expect(people.rows.get('id-1')?.name).toBe('Alice');
    expect((await manage.create(anAdmin(), { name: 'Mallory', alert: true })).alert).toBe(true);
  });

  it('refuses a bad body with every problem, and a taken name (any case) with 409', async () => {
    const { manage } = await setup();
    await expect(manage.create(anAdmin(), { name: '', alert: 'yes' })).rejects.toMatchObject({
      constructor: ValidationError,
      details: ['name must be 1–100 characters', 'alert must be a boolean'],
    });
    await expect(manage.create(anAdmin(), { name: 'x'.repeat(101) })).rejects.toThrow(ValidationError);
    await manage.create(anAdmin(), { name: 'Alice' });
    await expect(manage.create(anAdmin(), { name: 'ALICE' })).rejects.toThrow(ConflictError);
  });

  it('forbids viewers everything', async () => {
    const { manage, people } = await setup();
    await people.create(aPerson());
    const viewer = aViewer();
    await expect(manage.create(viewer, { name: 'X' })).rejects.toThrow(ForbiddenError);
    await expect(manage.list(viewer)).rejects.toThrow(ForbiddenError);
    await expect(manage.get(viewer, 'p1')).rejects.toThrow(ForbiddenError);
    await expect(manage.update(viewer, 'p1', { alert: true })).rejects.toThrow(ForbiddenError);
    await expect(manage.delete(viewer, 'p1')).rejects.toThrow(ForbiddenError);
  });

  it('lists by name with a search and face counts, paged', async () => {
    const { manage, people, faces } = await setup();
    for (const [id, name] of [['p1', 'Bob'], ['p2', 'alice'], ['p3', 'Carol'], ['p4', 'Alicia']]) await people.create(aPerson({ id, name }));
    await faces.add(aFace({ id: 'f1', personId: 'p2' }));
    await faces.add(aFace({ id: 'f2', personId: 'p2' }));
    const all = await manage.list(anOperator(), { page: 1, limit: 2 });
    expect(all.total).toBe(4);
    expect(all.items.map((p) => [p.name, p.faceCount])).toEqual([['alice', 2], ['Alicia', 0]]);
    const found = await manage.list(anOperator(), { q: 'ALI' });
    expect(found.items.map((p) => p.name)).toEqual(['alice', 'Alicia']);
    await expect(manage.list(anOperator(), { q: { $gt: '' } })).rejects.toThrow(ValidationError);
    await expect(manage.list(anOperator(), { page: 0 })).rejects.toThrow(ValidationError);
  });

  it('gets and updates a person; 404 for an unknown id', async () => {
    const { manage, people, clock } = await setup();
    await people.create(aPerson());
    await people.create(aPerson({ id: 'p2', name: 'Bob' }));
    clock.advance(60_000);
    const updated = await manage.update(anOperator(), 'p1', { name: 'Alice B.', alert: true });
    expect(updated).toMatchObject({ name: 'Alice B.', alert: true, updatedAt: '2026-01-01T00:01:00.000Z' });
    expect(await manage.get(anAdmin(), 'p1')).toEqual(updated);
    await expect(manage.update(anOperator(), 'p1', { name: 'bob' })).rejects.toThrow(ConflictError);
    await expect(manage.update(anOperator(), 'p1', { name: 'alice b.' })).resolves.toMatchObject({ name: 'alice b.' });
    await expect(manage.get(anAdmin(), 'nope')).rejects.toThrow(NotFoundError);
    await expect(manage.get(anAdmin(), { $gt: '' })).rejects.toThrow(ValidationError);
  });

  it('deletes a person with faces, crops and embeddings; their past alerts keep person null', async () => {
    const { manage, people, faces, crops, alerts, deps, cooldown } = await setup();
    await people.create(aPerson({ alert: true }));
    await people.create(aPerson({ id: 'p2', name: 'Bob' }));
    const face = aFace();
    await faces.add(face);
    await faces.add(aFace({ id: 'f2', personId: 'p2' }));
    await crops.saveCrop(face.imageKey, { width: 1, height: 1, channels: 3, data: new Uint8Array(3) }, face.box);
    deps.matcher.add(face.embeddings[0].model, { faceId: 'f1', personId: 'p1', vector: face.embeddings[0].vector });
    await alerts.add(anAlert({ alertId: 'a1', person: { id: 'p1', name: 'Alice', similarity: 0.8 } }));
    await alerts.add(anAlert({ alertId: 'a2', person: { id: 'p2', name: 'Bob', similarity: 0.8 } }));
    // The clean faces kept with each alert: Alice's goes with her, Bob's stays.
    const frame = { width: 1, height: 1, channels: 3 as const, data: new Uint8Array(3) };
    await crops.saveCrop('alerts/c1/a1.jpg', frame, face.box);
    await crops.saveCrop('alerts/c1/a2.jpg', frame, face.box);
    const alice = { kind: 'person' as const, personId: 'p1', alert: true };
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: alice, cameraQuiet: false })).toBe(true);
    await manage.delete(anAdmin(), 'p1');
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: alice, cameraQuiet: false })).toBe(true);
    expect(people.rows.has('p1')).toBe(false);
    expect([...faces.rows.keys()]).toEqual(['f2']);
    expect([...crops.crops.keys()]).toEqual(['alerts/c1/a2.jpg']);
    expect(deps.matcher.match(face.embeddings[0])).toBeNull();
    expect((await alerts.findById('a1'))?.person).toBeNull();
    expect((await alerts.findById('a2'))?.person?.id).toBe('p2');
    await expect(manage.delete(anAdmin(), 'p1')).rejects.toThrow(NotFoundError);
  });
});
