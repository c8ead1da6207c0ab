import { type UnknownGroupRepository } from '@argus/domain';
import { OPERATOR_LIKE_IDS, SMUGGLED_OPERATOR, aVector, anUnknownFace, anUnknownGroup, type RepositoryFactory } from './fixtures';

/** The behaviour every UnknownGroupRepository adapter must show. */
export function describeUnknownGroupRepositoryContract(adapter: string, factory: RepositoryFactory<UnknownGroupRepository>): void {
  describe(`UnknownGroupRepository contract: ${adapter}`, () => {
    let groups: UnknownGroupRepository;
    beforeEach(async () => {
      groups = await factory();
    });

    const at = (ms: number) => new Date(Date.UTC(2026, 3, 1) + ms);
    const ids = (list: Array<{ id: string }>) => list.map((item) => item.id);

    it('numbers new groups 1, 2, 3 and returns them with every field intact', async () => {
      const first = anUnknownGroup({ faceCount: 0, firstSeen: at(0), lastSeen: at(0), cameraIds: [] });
      const second = anUnknownGroup({ faceCount: 3, firstSeen: at(10), lastSeen: at(20), cameraIds: ['cam-b', 'cam-a'] });
      expect(await groups.create(first)).toEqual({ ...first, number: 1 });
      expect(await groups.create(second)).toEqual({ ...second, number: 2 });
      expect(await groups.findById(second.id)).toEqual({ ...second, number: 2 });
      expect((await groups.create(anUnknownGroup())).number).toBe(3);
    });

    it('never gives a number again, even after the newest group is deleted', async () => {
      const a = await groups.create(anUnknownGroup());
      const b = await groups.create(anUnknownGroup());
      await groups.delete(b.id);
      await groups.delete(a.id);
      expect((await groups.create(anUnknownGroup())).number).toBe(3);
      expect((await groups.create(anUnknownGroup())).number).toBe(4);
    });

    it('answers null for an unknown id, including ids that look like operators', async () => {
      await groups.create(anUnknownGroup());
      for (const id of ['missing', ...OPERATOR_LIKE_IDS]) expect(await groups.findById(id)).toBeNull();
    });

    it('never reads an operator object given in place of a string as a query', async () => {
      const group = await groups.create(anUnknownGroup({ id: 'g-1' }));
      await groups.addFace(anUnknownFace({ groupId: 'g-1' }));
      expect(await groups.findById(SMUGGLED_OPERATOR)).toBeNull();
      expect(await groups.listFaces(SMUGGLED_OPERATOR)).toEqual([]);
      expect(await groups.listEmbeddings(SMUGGLED_OPERATOR)).toEqual([]);
      expect(await groups.delete(SMUGGLED_OPERATOR)).toEqual([]);
      await expect(groups.addFace(anUnknownFace({ groupId: SMUGGLED_OPERATOR }))).rejects.toThrow();
      expect(await groups.findById('g-1')).toEqual({ ...group, faceCount: 1, lastSeen: expect.any(Date), cameraIds: ['camera-a'] });
    });

    it('lists the most recently seen groups first and pages with a total', async () => {
      for (const [id, lastSeen] of [['g-old', 1000], ['g-new', 3000], ['g-mid', 2000], ['g-tie', 3000]] as const) {
        await groups.create(anUnknownGroup({ id, firstSeen: at(0), lastSeen: at(lastSeen) }));
      }
      // Same lastSeen: the newer group (higher number) first.
      expect(ids((await groups.list(0, 10)).items)).toEqual(['g-tie', 'g-new', 'g-mid', 'g-old']);
      expect(await groups.list(1, 2)).toEqual({ items: [expect.objectContaining({ id: 'g-new' }), expect.objectContaining({ id: 'g-mid' })], total: 4 });
      expect(await groups.list(4, 2)).toEqual({ items: [], total: 4 });
      expect(await groups.list(0, 0)).toEqual({ items: [], total: 4 });
    });

    it("adds faces: the group's count, time span and cameras follow", async () => {
      const group = await groups.create(anUnknownGroup({ id: 'g-1', faceCount: 0, firstSeen: at(5000), lastSeen: at(5000), cameraIds: [] }));
      await groups.addFace(anUnknownFace({ groupId: 'g-1', cameraId: 'cam-b', seenAt: at(5000) }));
      await groups.addFace(anUnknownFace({ groupId: 'g-1', cameraId: 'cam-a', seenAt: at(9000) }));
      await groups.addFace(anUnknownFace({ groupId: 'g-1', cameraId: 'cam-b', seenAt: at(1000) }));
      expect(await groups.findById('g-1')).toEqual({ ...group, faceCount: 3, firstSeen: at(1000), lastSeen: at(9000), cameraIds: ['cam-b', 'cam-a'] });
      expect(ids((await groups.list(0, 10)).items)).toEqual(['g-1']);
    });

    it('refuses a face for a group that does not exist and stores nothing', async () => {
      await expect(groups.addFace(anUnknownFace({ groupId: 'missing' }))).rejects.toThrow(/missing/);
      expect(await groups.listFaces('missing')).toEqual([]);
      expect(await groups.listEmbeddings('arcface@1')).toEqual([]);
    });

    it("lists a group's faces newest first, all or the first few, with every field intact", async () => {
      await groups.create(anUnknownGroup({ id: 'g-1' }));
      await groups.create(anUnknownGroup({ id: 'g-2' }));
      const old = anUnknownFace({ groupId: 'g-1', seenAt: at(1000), alertId: null, box: { x: 1, y: 2.5, width: 30, height: 40 } });
      const recent = anUnknownFace({ groupId: 'g-1', seenAt: at(3000), embedding: { model: 'arcface@1', vector: aVector(7, 512) } });
      const middle = anUnknownFace({ groupId: 'g-1', seenAt: at(2000) });
      const elsewhere = anUnknownFace({ groupId: 'g-2', seenAt: at(2500) });
      for (const face of [old, recent, middle, elsewhere]) await groups.addFace(face);
      expect(await groups.listFaces('g-1')).toEqual([recent, middle, old]);
      expect(await groups.listFaces('g-1', 2)).toEqual([recent, middle]);
      expect(await groups.listFaces('g-1', 0)).toEqual([]);
      expect(await groups.listFaces('g-2')).toEqual([elsewhere]);
      expect(await groups.listFaces('$ne')).toEqual([]);
    });

    it("lists every unknown face's embedding of one model", async () => {
      await groups.create(anUnknownGroup({ id: 'g-1' }));
      await groups.create(anUnknownGroup({ id: 'g-2' }));
      const a = anUnknownFace({ groupId: 'g-1', embedding: { model: 'arcface@1', vector: aVector(1) } });
      const b = anUnknownFace({ groupId: 'g-2', embedding: { model: 'arcface@1', vector: aVector(2) } });
      const other = anUnknownFace({ groupId: 'g-1', embedding: { model: 'facenet@2', vector: aVector(3) } });
      for (const face of [a, b, other]) await groups.addFace(face);
      const listed = await groups.listEmbeddings('arcface@1');
      expect([...listed].sort((x, y) => (x.faceId < y.faceId ? -1 : 1))).toEqual(
        [
          { faceId: a.id, groupId: 'g-1', vector: aVector(1) },
          { faceId: b.id, groupId: 'g-2', vector: aVector(2) },
        ].sort((x, y) => (x.faceId < y.faceId ? -1 : 1)),
      );
      expect(await groups.listEmbeddings('facenet@2')).toEqual([{ faceId: other.id, groupId: 'g-1', vector: aVector(3) }]);
      expect(await groups.listEmbeddings('.*')).toEqual([]);
    });

    it('deletes a group with its faces and returns the faces', async () => {
      await groups.create(anUnknownGroup({ id: 'g-1' }));
      const kept = await groups.create(anUnknownGroup({ id: 'g-2' }));
      const first = anUnknownFace({ groupId: 'g-1', seenAt: at(1000) });
      const second = anUnknownFace({ groupId: 'g-1', seenAt: at(2000) });
      const other = anUnknownFace({ groupId: 'g-2', seenAt: at(1500) });
      for (const face of [first, second, other]) await groups.addFace(face);
      expect([...(await groups.delete('g-1'))].sort((x, y) => x.seenAt.getTime() - y.seenAt.getTime())).toEqual([first, second]);
      expect(await groups.delete('g-1')).toEqual([]);
      expect(await groups.findById('g-1')).toBeNull();
      expect(await groups.listFaces('g-1')).toEqual([]);
      expect((await groups.listEmbeddings('arcface@1')).map((e) => e.faceId)).toEqual([other.id]);
      expect(await groups.list(0, 10)).toEqual({ items: [{ ...kept, faceCount: 1, firstSeen: expect.any(Date), lastSeen: expect.any(Date), cameraIds: ['camera-a'] }], total: 1 });
    });
  });
}
