import { ConflictError, type Person, type PersonRepository } from '@argus/domain';
import { OPERATOR_LIKE_IDS, PATTERN_LIKE_TEXTS, SMUGGLED_OPERATOR, aPerson, type RepositoryFactory } from './fixtures';

/** The behaviour every PersonRepository adapter must show. */
export function describePersonRepositoryContract(adapter: string, factory: RepositoryFactory<PersonRepository>): void {
  describe(`PersonRepository contract: ${adapter}`, () => {
    let persons: PersonRepository;
    beforeEach(async () => {
      persons = await factory();
    });

    async function createAll(...list: Person[]): Promise<Person[]> {
      for (const person of list) await persons.create(person);
      return list;
    }
    const names = (list: Person[]) => list.map((p) => p.name);
    const all = () => persons.list({ offset: 0, limit: 100 });

    it('returns a created person by id and by name with every field intact', async () => {
      const [ann, watched] = await createAll(aPerson({ name: 'Ann Smith' }), aPerson({ name: 'Bob', alert: true }));
      expect(await persons.findById(ann.id)).toEqual(ann);
      expect(await persons.findById(watched.id)).toEqual(watched);
      expect(await persons.findByName('Ann Smith')).toEqual(ann);
    });

    it('finds a name whatever its case, beyond ASCII too, and nothing else', async () => {
      const [ann, emile] = await createAll(aPerson({ name: 'Ann' }), aPerson({ name: 'Émile' }));
      expect(await persons.findByName('aNN')).toEqual(ann);
      expect(await persons.findByName('ÉMILE')).toEqual(emile);
      expect(await persons.findByName('Ann ')).toBeNull();
      expect(await persons.findByName('An')).toBeNull();
      expect(await persons.findByName('.*')).toBeNull();
    });

    it('answers null for unknown ids and names, including ones that look like operators', async () => {
      await createAll(aPerson({ name: 'Ann' }));
      for (const id of ['missing', ...OPERATOR_LIKE_IDS]) expect(await persons.findById(id)).toBeNull();
      for (const name of OPERATOR_LIKE_IDS) expect(await persons.findByName(name)).toBeNull();
    });

    it('never reads an operator object given in place of a string as a query', async () => {
      const [ann] = await createAll(aPerson({ name: 'Ann' }));
      expect(await persons.findById(SMUGGLED_OPERATOR)).toBeNull();
      expect(await persons.findByName(SMUGGLED_OPERATOR)).toBeNull();
      expect(await persons.update(SMUGGLED_OPERATOR, { alert: true })).toBeNull();
      expect(await persons.delete(SMUGGLED_OPERATOR)).toBe(false);
      expect(await persons.list({ q: SMUGGLED_OPERATOR, offset: 0, limit: 10 })).toEqual({ items: [], total: 0 });
      expect(await all()).toEqual({ items: [ann], total: 1 });
    });

    it('refuses a name taken in another case with ConflictError and keeps the first person', async () => {
      const [ann] = await createAll(aPerson({ name: 'Ann Émile' }));
      await expect(persons.create(aPerson({ name: 'ANN émile' }))).rejects.toBeInstanceOf(ConflictError);
      await expect(persons.create(aPerson({ name: 'ann \u0045\u0301mile' }))).rejects.toBeInstanceOf(ConflictError);
      expect(await all()).toEqual({ items: [ann], total: 1 });
    });

    it('lists by name whatever its case and pages with a total', async () => {
      await createAll(
        aPerson({ id: 'p-2', name: 'bob' }),
        aPerson({ id: 'p-1', name: 'Carol' }),
        aPerson({ id: 'p-3', name: 'alice' }),
        aPerson({ id: 'p-5', name: 'Bobby' }),
        aPerson({ id: 'p-4', name: 'Alicia' }),
      );
      expect(names((await all()).items)).toEqual(['alice', 'Alicia', 'bob', 'Bobby', 'Carol']);
      expect(await persons.list({ offset: 1, limit: 2 })).toEqual({ items: [expect.objectContaining({ id: 'p-4' }), expect.objectContaining({ id: 'p-2' })], total: 5 });
      expect(await persons.list({ offset: 5, limit: 2 })).toEqual({ items: [], total: 5 });
      expect(await persons.list({ offset: 0, limit: 0 })).toEqual({ items: [], total: 5 });
    });

    it('filters on a case-insensitive substring of the name', async () => {
      await createAll(aPerson({ name: 'Ann Smith' }), aPerson({ name: 'Joanna' }), aPerson({ name: 'Bob' }), aPerson({ name: 'ÉLODIE' }));
      const search = async (q: string) => names((await persons.list({ q, offset: 0, limit: 100 })).items);
      expect(await search('ANN')).toEqual(['Ann Smith', 'Joanna']);
      expect(await search('smi')).toEqual(['Ann Smith']);
      expect(await search('élo')).toEqual(['ÉLODIE']);
      expect(await search('zz')).toEqual([]);
      // Code-point order of the folded name: accented capitals sort after z.
      expect(await search('')).toEqual(['Ann Smith', 'Bob', 'Joanna', 'ÉLODIE']);
      expect((await persons.list({ q: 'n', offset: 1, limit: 1 })).total).toBe(2);
    });

    it('matches LIKE and regular-expression metacharacters in the search text literally', async () => {
      await createAll(aPerson({ name: 'Ann' }), aPerson({ name: 'Bob' }));
      for (const q of [...PATTERN_LIKE_TEXTS, ...OPERATOR_LIKE_IDS.filter((id) => id !== '')]) {
        expect([q, await persons.list({ q, offset: 0, limit: 10 })]).toEqual([q, { items: [], total: 0 }]);
      }
      const [odd] = await createAll(aPerson({ name: '50% (a_b) [x]* \\ $1' }));
      for (const q of ['%', '_', '(a_b)', '[x]*', '\\', '$1', '50% (']) {
        expect([q, await persons.list({ q, offset: 0, limit: 10 })]).toEqual([q, { items: [odd], total: 1 }]);
      }
    });

    it('updates only the patched fields and returns the result', async () => {
      const [ann] = await createAll(aPerson({ name: 'Ann' }));
      const updatedAt = new Date(ann.updatedAt.getTime() + 60_000);
      const watched = await persons.update(ann.id, { alert: true, updatedAt });
      expect(watched).toEqual({ ...ann, alert: true, updatedAt });
      const renamed = await persons.update(ann.id, { name: 'Anne' });
      expect(renamed).toEqual({ ...ann, alert: true, updatedAt, name: 'Anne' });
      expect(await persons.findById(ann.id)).toEqual(renamed);
      expect(await persons.findByName('anne')).toEqual(renamed);
      expect(await persons.findByName('ann')).toBeNull();
      expect(await persons.update(ann.id, {})).toEqual(renamed);
    });

    it('lets a person change the case of their own name but not take another person\'s', async () => {
      const [ann, bob] = await createAll(aPerson({ name: 'Ann' }), aPerson({ name: 'Bob' }));
      expect((await persons.update(ann.id, { name: 'ANN' }))?.name).toBe('ANN');
      await expect(persons.update(bob.id, { name: 'ann' })).rejects.toBeInstanceOf(ConflictError);
      expect(await persons.findById(bob.id)).toEqual(bob);
    });

    it('answers null when updating an unknown person and creates nothing', async () => {
      expect(await persons.update('missing', { name: 'X' })).toBeNull();
      expect(await persons.update('$gt', { alert: true })).toBeNull();
      expect(await all()).toEqual({ items: [], total: 0 });
    });

    it('deletes a person once and frees the name', async () => {
      const [keep, gone] = await createAll(aPerson({ name: 'Keep' }), aPerson({ name: 'Gone' }));
      expect(await persons.delete(gone.id)).toBe(true);
      expect(await persons.delete(gone.id)).toBe(false);
      expect(await persons.findById(gone.id)).toBeNull();
      expect(await all()).toEqual({ items: [keep], total: 1 });
      await expect(persons.create(aPerson({ name: 'GONE' }))).resolves.toBeUndefined();
    });
  });
}
