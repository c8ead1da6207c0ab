import type { Face, FaceRepository } from '@argus/domain';
import { OPERATOR_LIKE_IDS, SMUGGLED_OPERATOR, aFace, aVector, type RepositoryFactory } from './fixtures';

/** The behaviour every FaceRepository adapter must show. */
export function describeFaceRepositoryContract(adapter: string, factory: RepositoryFactory<FaceRepository>): void {
  describe(`FaceRepository contract: ${adapter}`, () => {
    let faces: FaceRepository;
    beforeEach(async () => {
      faces = await factory();
    });

    async function addAll(...list: Face[]): Promise<Face[]> {
      for (const face of list) await faces.add(face);
      return list;
    }
    const ids = (list: Array<{ id: string }>) => list.map((f) => f.id);
    const at = (ms: number) => new Date(Date.UTC(2026, 2, 1) + ms);

    it('returns an added face by id with every field and embedding intact', async () => {
      const face = aFace({
        sourceAlertId: 'alert-9',
        embeddings: [
          { model: 'arcface@1', vector: aVector(1, 512) },
          { model: 'facenet@2', vector: aVector(2, 128) },
        ],
      });
      await faces.add(face);
      expect(await faces.findById(face.id)).toEqual(face);
      const bare = aFace({ embeddings: [] });
      await faces.add(bare);
      expect(await faces.findById(bare.id)).toEqual(bare);
    });

    it('keeps embeddings at float32 precision, which cosine similarity does not notice', async () => {
      const vector = [0.1, -0.2, 0.3333333333, 1e-8];
      await faces.add(aFace({ id: 'f-precise', embeddings: [{ model: 'm', vector }] }));
      const stored = (await faces.findById('f-precise'))?.embeddings[0].vector ?? [];
      expect(stored).toEqual(vector.map(Math.fround));
      stored.forEach((value, i) => expect(value).toBeCloseTo(vector[i], 6));
    });

    it('answers null for an unknown id, including ids that look like operators', async () => {
      await addAll(aFace());
      for (const id of ['missing', ...OPERATOR_LIKE_IDS]) expect(await faces.findById(id)).toBeNull();
    });

    it('never reads an operator object given in place of a string as a query', async () => {
      const [face] = await addAll(aFace({ personId: 'p-1' }));
      expect(await faces.findById(SMUGGLED_OPERATOR)).toBeNull();
      expect(await faces.listByPerson(SMUGGLED_OPERATOR)).toEqual([]);
      expect([...(await faces.countByPerson([SMUGGLED_OPERATOR])).values()]).toEqual([0]);
      expect(await faces.listEmbeddings(SMUGGLED_OPERATOR)).toEqual([]);
      await faces.setEmbedding(SMUGGLED_OPERATOR, { model: 'x', vector: [1] });
      expect(await faces.delete(SMUGGLED_OPERATOR)).toBe(false);
      expect(await faces.deleteByPerson(SMUGGLED_OPERATOR)).toEqual([]);
      expect(await faces.listByPerson('p-1')).toEqual([face]);
    });

    it("lists a person's faces oldest first, ties broken by id", async () => {
      await addAll(
        aFace({ id: 'f-late', personId: 'p-1', createdAt: at(2000) }),
        aFace({ id: 'f-b', personId: 'p-1', createdAt: at(1000) }),
        aFace({ id: 'f-other', personId: 'p-2', createdAt: at(0) }),
        aFace({ id: 'f-a', personId: 'p-1', createdAt: at(1000) }),
      );
      expect(ids(await faces.listByPerson('p-1'))).toEqual(['f-a', 'f-b', 'f-late']);
      expect(ids(await faces.listByPerson('p-2'))).toEqual(['f-other']);
      expect(await faces.listByPerson('nobody')).toEqual([]);
      expect(await faces.listByPerson('$ne')).toEqual([]);
    });

    it('counts faces per person, zero for those without any', async () => {
      await addAll(aFace({ personId: 'p-1' }), aFace({ personId: 'p-1' }), aFace({ personId: 'p-2' }), aFace({ personId: 'p-3' }));
      expect(await faces.countByPerson(['p-1', 'p-2', 'none', 'p-1'])).toEqual(
        new Map([
          ['p-1', 2],
          ['p-2', 1],
          ['none', 0],
        ]),
      );
      expect(await faces.countByPerson([])).toEqual(new Map());
      expect(await faces.countByPerson(['$gt', '.*'])).toEqual(new Map([['$gt', 0], ['.*', 0]]));
    });

    it("replaces one model's embedding in place and appends a new model's", async () => {
      const [face] = await addAll(aFace({ embeddings: [{ model: 'old@1', vector: aVector(1) }, { model: 'arcface@1', vector: aVector(2) }] }));
      await faces.setEmbedding(face.id, { model: 'old@1', vector: aVector(3) });
      await faces.setEmbedding(face.id, { model: 'new@2', vector: aVector(4, 4) });
      expect((await faces.findById(face.id))?.embeddings).toEqual([
        { model: 'old@1', vector: aVector(3) },
        { model: 'arcface@1', vector: aVector(2) },
        { model: 'new@2', vector: aVector(4, 4) },
      ]);
      await faces.setEmbedding('missing', { model: 'new@2', vector: aVector(5) });
      expect(await faces.findById('missing')).toBeNull();
      expect((await faces.listEmbeddings('new@2')).map((e) => e.faceId)).toEqual([face.id]);
    });

    it("lists every enrolled embedding of one model, and only that model's", async () => {
      const [a, b] = await addAll(
        aFace({ personId: 'p-1', embeddings: [{ model: 'arcface@1', vector: aVector(1) }, { model: 'other@1', vector: aVector(9) }] }),
        aFace({ personId: 'p-2', embeddings: [{ model: 'arcface@1', vector: aVector(2) }] }),
        aFace({ personId: 'p-1', embeddings: [{ model: 'other@1', vector: aVector(3) }] }),
        aFace({ personId: 'p-3', embeddings: [] }),
      );
      const listed = await faces.listEmbeddings('arcface@1');
      expect([...listed].sort((x, y) => (x.faceId < y.faceId ? -1 : 1))).toEqual(
        [
          { faceId: a.id, personId: 'p-1', vector: aVector(1) },
          { faceId: b.id, personId: 'p-2', vector: aVector(2) },
        ].sort((x, y) => (x.faceId < y.faceId ? -1 : 1)),
      );
      expect(await faces.listEmbeddings('arcface')).toEqual([]);
      expect(await faces.listEmbeddings('.*')).toEqual([]);
    });

    it('deletes a face once, with its embeddings', async () => {
      const [keep, gone] = await addAll(aFace({ personId: 'p-1' }), aFace({ personId: 'p-1' }));
      expect(await faces.delete(gone.id)).toBe(true);
      expect(await faces.delete(gone.id)).toBe(false);
      expect(await faces.findById(gone.id)).toBeNull();
      expect(await faces.listByPerson('p-1')).toEqual([keep]);
      expect((await faces.listEmbeddings('arcface@1')).map((e) => e.faceId)).toEqual([keep.id]);
    });

    it("deletes a person's faces and negatives, returning the faces", async () => {
      const [first, second, other] = await addAll(
        aFace({ personId: 'p-1', createdAt: at(1) }),
        aFace({ personId: 'p-1', createdAt: at(2) }),
        aFace({ personId: 'p-2', createdAt: at(3) }),
      );
      const negative = (personId: string, seed: number) => ({ personId, model: 'arcface@1', vector: aVector(seed), alertId: null, createdAt: at(seed) });
      await faces.addNegative(negative('p-1', 10));
      await faces.addNegative(negative('p-2', 11));
      expect(await faces.deleteByPerson('p-1')).toEqual([first, second]);
      expect(await faces.deleteByPerson('p-1')).toEqual([]);
      expect(await faces.listByPerson('p-1')).toEqual([]);
      expect(await faces.listByPerson('p-2')).toEqual([other]);
      expect((await faces.listEmbeddings('arcface@1')).map((e) => e.faceId)).toEqual([other.id]);
      expect(await faces.listNegatives('arcface@1')).toEqual([negative('p-2', 11)]);
    });

    it('keeps "not this person" corrections per model, oldest first', async () => {
      const later = { personId: 'p-1', model: 'arcface@1', vector: aVector(1), alertId: 'alert-2', createdAt: at(2000) };
      const earlier = { personId: 'p-2', model: 'arcface@1', vector: aVector(2), alertId: null, createdAt: at(1000) };
      const otherModel = { personId: 'p-1', model: 'facenet@2', vector: aVector(3, 4), alertId: 'alert-3', createdAt: at(500) };
      for (const negative of [later, earlier, otherModel]) await faces.addNegative(negative);
      expect(await faces.listNegatives('arcface@1')).toEqual([earlier, later]);
      expect(await faces.listNegatives('facenet@2')).toEqual([otherModel]);
      expect(await faces.listNegatives('$ne')).toEqual([]);
    });
  });
}
