import { anEmbedding, InMemoryUnknownGroups, MemoryFaceImages, SequentialIds, TEST_MODEL, testFrame, unitVector } from '../testing';
import { UnknownGrouper, type UnknownSighting } from './unknown-grouper';

function setup(threshold = 0.7) {
  const groups = new InMemoryUnknownGroups();
  const crops = new MemoryFaceImages();
  const grouper = new UnknownGrouper({ groups, crops, ids: new SequentialIds(), threshold });
  return { groups, crops, grouper };
}

const T0 = new Date('2026-01-01T00:00:00Z');

function sighting(vector: number[], cameraId = 'c1', minutes = 0): UnknownSighting {
  return {
    cameraId,
    alertId: null,
    frame: testFrame({ width: 320, height: 240 }),
    box: { x: 10, y: 10, width: 50, height: 60 },
    embedding: anEmbedding(vector),
    quality: 0.8,
    seenAt: new Date(T0.getTime() + minutes * 60_000),
  };
}

describe('UnknownGrouper', () => {
  it('puts the same stranger seen by two cameras in one group, and another stranger in a new one', async () => {
    const { groups, crops, grouper } = setup();
    const first = await grouper.record(sighting(unitVector(0), 'c1', 0));
    const again = await grouper.record(sighting(unitVector(0, { tilt: 0.3 }), 'c2', 5));
    const other = await grouper.record(sighting(unitVector(4), 'c1', 6));
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ groupId: first.groupId, created: false });
    expect(again.similarity).toBeCloseTo(Math.cos(0.3), 5);
    expect(other.created).toBe(true);
    expect(other.groupId).not.toBe(first.groupId);
    const group = await groups.findById(first.groupId);
    expect(group).toMatchObject({ number: 1, faceCount: 2, firstSeen: T0, cameraIds: ['c1', 'c2'] });
    expect(group?.lastSeen).toEqual(new Date(T0.getTime() + 5 * 60_000));
    expect([...crops.crops.keys()]).toEqual([
      `unknowns/${first.groupId}/${first.faceId}.jpg`,
      `unknowns/${first.groupId}/${again.faceId}.jpg`,
      `unknowns/${other.groupId}/${other.faceId}.jpg`,
    ]);
    expect(groups.faces[0].box).toEqual({ x: 10, y: 10, width: 50, height: 60 });
  });

  it('joins the most similar group', async () => {
    const { grouper } = setup(0.5);
    const a = await grouper.record(sighting(unitVector(0)));
    const b = await grouper.record(sighting(unitVector(1)));
    const near = await grouper.record(sighting(unitVector(1, { towards: 0, tilt: 0.6 })));
    expect(a.groupId).not.toBe(b.groupId);
    expect(near.groupId).toBe(b.groupId);
  });

  it('does not race two faces of one stranger into two groups', async () => {
    const { groups, grouper } = setup();
    const [x, y] = await Promise.all([grouper.record(sighting(unitVector(0))), grouper.record(sighting(unitVector(0)))]);
    expect(x.groupId).toBe(y.groupId);
    expect(groups.groups.size).toBe(1);
  });

  it('loads the stored faces at start, and forgets a removed group', async () => {
    const { groups, crops, grouper } = setup();
    const first = await grouper.record(sighting(unitVector(0)));
    const restarted = new UnknownGrouper({ groups, crops, ids: new SequentialIds(), threshold: 0.7 });
    await restarted.load(TEST_MODEL);
    expect(restarted.nearest(anEmbedding(unitVector(0)))?.groupId).toBe(first.groupId);
    restarted.removeGroup(first.groupId);
    expect(restarted.nearest(anEmbedding(unitVector(0)))).toBeNull();
  });

  it('keeps no crop when the face cannot be stored', async () => {
    const { groups, crops, grouper } = setup();
    groups.addFace = async () => {
      throw new Error('database unavailable');
    };
    await expect(grouper.record(sighting(unitVector(0)))).rejects.toThrow('database unavailable');
    expect(crops.crops.size).toBe(0);
    // The queue goes on after a failure.
    groups.addFace = InMemoryUnknownGroups.prototype.addFace.bind(groups);
    await expect(grouper.record(sighting(unitVector(0)))).resolves.toMatchObject({ created: true });
  });
});

describe('UnknownGrouper.exclusive', () => {
  it('runs work between sightings, in order', async () => {
    const { grouper } = setup();
    const order: string[] = [];
    const a = grouper.record(sighting(unitVector(0))).then(() => order.push('sighting 1'));
    const b = grouper.exclusive(async () => {
      order.push('work');
      return 7;
    });
    const c = grouper.record(sighting(unitVector(0))).then(() => order.push('sighting 2'));
    expect(await b).toBe(7);
    await Promise.all([a, c]);
    expect(order).toEqual(['sighting 1', 'work', 'sighting 2']);
  });
});
