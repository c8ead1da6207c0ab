import type { Alert, AlertListQuery, AlertRepository } from '@argus/domain';
import { OPERATOR_LIKE_IDS, SMUGGLED_OPERATOR, anAlert, type RepositoryFactory } from './fixtures';

/** Who an alert names (person, unknown group) and the listings by identity: every AlertRepository adapter. */
export function describeAlertIdentityContract(adapter: string, factory: RepositoryFactory<AlertRepository>): void {
  describe(`AlertRepository identity contract: ${adapter}`, () => {
    let alerts: AlertRepository;
    beforeEach(async () => {
      alerts = await factory();
    });

    async function addAll(...list: Alert[]): Promise<Alert[]> {
      for (const alert of list) await alerts.add(alert);
      return list;
    }
    const ann = { id: 'person-ann', name: 'Ann', similarity: 0.8125 };
    const bob = { id: 'person-bob', name: 'Bob', similarity: 0.6 };
    const page = (query: Partial<AlertListQuery>) => alerts.list({ offset: 0, limit: 100, ...query });
    const ids = (result: { items: Alert[] }) => result.items.map((alert) => alert.alertId);

    it('reads an alert recognition never saw back without person or unknownId, as alerts stored before identities', async () => {
      const [plain] = await addAll(anAlert());
      const found = await alerts.findById(plain.alertId);
      expect(found).toEqual(plain);
      expect(found).not.toHaveProperty('person');
      expect(found).not.toHaveProperty('unknownId');
      expect((await page({})).items[0]).not.toHaveProperty('person');
    });

    it('stores a named person and an unknown face with their identity intact', async () => {
      const [named, unknown] = await addAll(anAlert({ person: ann, unknownId: null }), anAlert({ person: null, unknownId: 'unknown-7' }));
      expect(await alerts.findById(named.alertId)).toEqual(named);
      expect(await alerts.findById(unknown.alertId)).toEqual(unknown);
    });

    it('sets and corrects the identity of an alert; an unknown alert id changes nothing', async () => {
      const [alert, other] = await addAll(anAlert(), anAlert({ person: bob, unknownId: null }));
      await alerts.setIdentity(alert.alertId, null, 'unknown-1');
      expect(await alerts.findById(alert.alertId)).toEqual({ ...alert, person: null, unknownId: 'unknown-1' });
      await alerts.setIdentity(alert.alertId, ann, null);
      expect(await alerts.findById(alert.alertId)).toEqual({ ...alert, person: ann, unknownId: null });
      await alerts.setIdentity('missing', ann, null);
      await alerts.setIdentity(SMUGGLED_OPERATOR, ann, null);
      expect(await alerts.findById('missing')).toBeNull();
      expect(await alerts.findById(other.alertId)).toEqual(other);
      expect((await page({})).total).toBe(2);
    });

    it("clears a deleted person from their alerts only, keeping each alert's unknown group", async () => {
      const [a, b, c] = await addAll(
        anAlert({ person: ann, unknownId: 'unknown-1' }),
        anAlert({ person: bob, unknownId: null }),
        anAlert({ person: ann, unknownId: null }),
      );
      await alerts.clearPerson(ann.id);
      expect(await alerts.findById(a.alertId)).toEqual({ ...a, person: null });
      expect(await alerts.findById(c.alertId)).toEqual({ ...c, person: null });
      expect(await alerts.findById(b.alertId)).toEqual(b);
      await alerts.clearPerson('$ne');
      await alerts.clearPerson(SMUGGLED_OPERATOR);
      expect(await alerts.findById(b.alertId)).toEqual(b);
    });

    it("names an unknown group's alerts after a person, and no other alert", async () => {
      const [a, b, c, d] = await addAll(
        anAlert({ person: null, unknownId: 'unknown-1' }),
        anAlert({ person: null, unknownId: 'unknown-2' }),
        anAlert({ cameraId: 'cam-b', person: null, unknownId: 'unknown-1' }),
        anAlert(),
      );
      const named = { ...ann, similarity: 1 };
      await alerts.nameUnknown('unknown-1', named);
      expect(await alerts.findById(a.alertId)).toEqual({ ...a, person: named, unknownId: null });
      expect(await alerts.findById(c.alertId)).toEqual({ ...c, person: named, unknownId: null });
      expect(await alerts.findById(b.alertId)).toEqual(b);
      expect(await alerts.findById(d.alertId)).toEqual(d);
      expect(ids(await page({ personId: ann.id }))).toEqual(expect.arrayContaining([a.alertId, c.alertId]));
      await alerts.nameUnknown('$ne', named);
      await alerts.nameUnknown(SMUGGLED_OPERATOR, named);
      expect(await alerts.findById(b.alertId)).toEqual(b);
    });

    it('lists the alerts of one person, newest first, with cameras, time range and paging', async () => {
      const start = Date.UTC(2026, 6, 1);
      const list = await addAll(
        ...Array.from({ length: 12 }, (_, i) =>
          anAlert({ cameraId: `cam-${i % 2}`, timestamp: new Date(start + i * 1000), person: i % 3 === 0 ? bob : ann, unknownId: null }),
        ),
        anAlert({ person: null, unknownId: 'unknown-1' }),
        anAlert(),
      );
      const annIds = list.filter((a) => a.person?.id === ann.id).map((a) => a.alertId).reverse();
      expect(await page({ personId: ann.id })).toEqual({ items: expect.any(Array), total: 8 });
      expect(ids(await page({ personId: ann.id }))).toEqual(annIds);
      expect(ids(await alerts.list({ personId: ann.id, offset: 2, limit: 3 }))).toEqual(annIds.slice(2, 5));
      const cam0 = list.filter((a) => a.person?.id === ann.id && a.cameraId === 'cam-0').map((a) => a.alertId).reverse();
      expect(ids(await page({ personId: ann.id, cameraIds: ['cam-0'] }))).toEqual(cam0);
      const ranged = await page({ personId: bob.id, from: new Date(start + 3000), to: new Date(start + 9000) });
      expect(ids(ranged)).toEqual([list[9].alertId, list[6].alertId, list[3].alertId]);
      expect(await page({ personId: 'nobody' })).toEqual({ items: [], total: 0 });
      for (const personId of [...OPERATOR_LIKE_IDS, SMUGGLED_OPERATOR]) expect(await page({ personId })).toEqual({ items: [], total: 0 });
    });

    it('lists unknown faces (unknown=true) and named people (unknown=false); alerts recognition never saw are neither', async () => {
      const [named, stranger, cleared, , stranger2] = await addAll(
        anAlert({ cameraId: 'cam-a', person: ann, unknownId: null }),
        anAlert({ cameraId: 'cam-a', person: null, unknownId: 'unknown-1' }),
        anAlert({ cameraId: 'cam-b', person: bob, unknownId: null }),
        anAlert({ cameraId: 'cam-a' }),
        anAlert({ cameraId: 'cam-b', person: null, unknownId: 'unknown-2' }),
      );
      await alerts.clearPerson(bob.id);
      expect(ids(await page({ unknown: true }))).toEqual([stranger2.alertId, cleared.alertId, stranger.alertId]);
      expect((await page({ unknown: true })).total).toBe(3);
      expect(ids(await page({ unknown: true, cameraIds: ['cam-a'] }))).toEqual([stranger.alertId]);
      expect(await page({ unknown: false })).toEqual({ items: [named], total: 1 });
      expect(await page({ unknown: false, personId: bob.id })).toEqual({ items: [], total: 0 });
      expect(await page({ unknown: true, personId: ann.id })).toEqual({ items: [], total: 0 });
      expect((await page({})).total).toBe(5);
    });
  });
}
