import { ConflictError, type Alert, type AlertListQuery, type AlertRepository } from '@argus/domain';
import { OPERATOR_LIKE_IDS, SMUGGLED_OPERATOR, anAlert, type RepositoryFactory } from './fixtures';

/** The behaviour every AlertRepository adapter must show. */
export function describeAlertRepositoryContract(adapter: string, factory: RepositoryFactory<AlertRepository>): void {
  describe(`AlertRepository contract: ${adapter}`, () => {
    let alerts: AlertRepository;
    beforeEach(async () => {
      alerts = await factory();
    });

    async function addAll(list: Alert[]): Promise<Alert[]> {
      for (const alert of list) await alerts.add(alert);
      return list;
    }

    /** The port's order, computed independently: timestamp, then alertId, both descending. */
    function newestFirst(list: Alert[]): Alert[] {
      return [...list].sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime() || (a.alertId < b.alertId ? 1 : -1));
    }

    const ids = (list: Alert[]) => list.map((alert) => alert.alertId);
    const at = (iso: string) => new Date(iso);
    const page = (query: Partial<AlertListQuery>) => alerts.list({ offset: 0, limit: 100, ...query });

    it('returns an added alert by id with every field intact', async () => {
      const alert = anAlert({
        snapshotUrl: 'https://worker.example/snap/1.jpg',
        snapshotKey: null,
        meta: { score: null, frameWidth: null, frameHeight: null, faces: 3, trackId: 'track-7', nested: { a: [1, 2] } },
      });
      await alerts.add(alert);
      expect(await alerts.findById(alert.alertId)).toEqual(alert);
    });

    it('keeps the kind and the zones of an alert', async () => {
      const alert = anAlert({ kind: 'face', zones: ['Door', 'Porch $x'] });
      await alerts.add(alert);
      expect(await alerts.findById(alert.alertId)).toEqual(alert);
      expect((await page({})).items).toEqual([alert]);
    });

    it('keeps the label of an object alert, and attaches and forgets a clip', async () => {
      const alert = anAlert({ kind: 'object', label: 'car' });
      await alerts.add(alert);
      expect(await alerts.findById(alert.alertId)).toEqual(alert);
      await alerts.attachClip(alert.alertId, 'clips/camera-a/x.mp4');
      expect(await alerts.findById(alert.alertId)).toEqual({ ...alert, clipKey: 'clips/camera-a/x.mp4' });
      expect((await page({})).items).toEqual([{ ...alert, clipKey: 'clips/camera-a/x.mp4' }]);
      await alerts.attachClip('missing', 'clips/other.mp4');
      await alerts.attachClip(alert.alertId, null);
      expect(await alerts.findById(alert.alertId)).toEqual(alert);
    });

    it('reads an alert added without kind or zones as a face in no zone', async () => {
      const { kind: _kind, zones: _zones, ...bare } = anAlert();
      await alerts.add(bare);
      expect(await alerts.findById(bare.alertId)).toEqual({ ...bare, kind: 'face', zones: [] });
    });

    it('refuses a second alert with the same id (ConflictError) and keeps the first, so retried writes never duplicate', async () => {
      // The outbox flush relies on this: a write repeated after a crash or a lost answer is a no-op.
      const alert = anAlert();
      await alerts.add(alert);
      await expect(alerts.add({ ...alert, cameraId: 'other', meta: { ...alert.meta, faces: 9 } })).rejects.toBeInstanceOf(ConflictError);
      expect(await page({})).toEqual({ items: [alert], total: 1 });
      expect(await page({ cameraIds: ['other'] })).toEqual({ items: [], total: 0 });
    });

    it('answers null for an unknown id, including ids that look like operators or paths', async () => {
      await addAll([anAlert()]);
      for (const id of ['missing', ...OPERATOR_LIKE_IDS]) expect(await alerts.findById(id)).toBeNull();
    });

    it('never reads an operator object given in place of a string as a query', async () => {
      const [alert] = await addAll([anAlert({ cameraId: 'cam-a' })]);
      expect(await alerts.findById(SMUGGLED_OPERATOR)).toBeNull();
      expect(await page({ cameraIds: [SMUGGLED_OPERATOR] })).toEqual({ items: [], total: 0 });
      expect(await page({ cameraIds: [SMUGGLED_OPERATOR, 'other'] })).toEqual({ items: [], total: 0 });
      expect(await alerts.deleteByCamera(SMUGGLED_OPERATOR)).toBe(0);
      expect(await page({})).toEqual({ items: [alert], total: 1 });
    });

    it('lists newest first, breaking timestamp ties by alertId descending', async () => {
      const same = at('2026-04-01T10:00:00Z');
      const added = await addAll([
        anAlert({ alertId: 'b', timestamp: same }),
        anAlert({ alertId: 'old', timestamp: at('2026-04-01T09:00:00Z') }),
        anAlert({ alertId: 'c', timestamp: same }),
        anAlert({ alertId: 'new', timestamp: at('2026-04-01T11:00:00Z') }),
        anAlert({ alertId: 'a', timestamp: same }),
      ]);
      const result = await page({});
      expect(ids(result.items)).toEqual(['new', 'c', 'b', 'a', 'old']);
      expect(result.items).toEqual(newestFirst(added));
      expect(result.total).toBe(5);
    });

    it('pages with offset and limit while total counts every match', async () => {
      const added = newestFirst(await addAll(Array.from({ length: 7 }, () => anAlert())));
      expect(await alerts.list({ offset: 2, limit: 3 })).toEqual({ items: added.slice(2, 5), total: 7 });
      expect(await alerts.list({ offset: 6, limit: 3 })).toEqual({ items: added.slice(6), total: 7 });
      expect(await alerts.list({ offset: 7, limit: 3 })).toEqual({ items: [], total: 7 });
    });

    it('filters on camera ids; an empty list matches nothing', async () => {
      const [a1, b1, , a2] = await addAll([
        anAlert({ cameraId: 'cam-a' }),
        anAlert({ cameraId: 'cam-b' }),
        anAlert({ cameraId: 'cam-c' }),
        anAlert({ cameraId: 'cam-a' }),
      ]);
      expect(await page({ cameraIds: ['cam-a'] })).toEqual({ items: [a2, a1], total: 2 });
      expect(await page({ cameraIds: ['cam-b', 'cam-a'] })).toEqual({ items: [a2, b1, a1], total: 3 });
      expect(await page({ cameraIds: ['cam-a', 'cam-a'] })).toEqual({ items: [a2, a1], total: 2 });
      expect(await page({ cameraIds: [] })).toEqual({ items: [], total: 0 });
      expect(await page({ cameraIds: ['unknown'] })).toEqual({ items: [], total: 0 });
      expect(await page({ cameraIds: ['$ne', 'cam-a.x', '$gt'] })).toEqual({ items: [], total: 0 });
      expect((await page({})).total).toBe(4);
    });

    it('accepts a long list of camera ids', async () => {
      const [a, b] = await addAll([anAlert({ cameraId: 'cam-a' }), anAlert({ cameraId: 'cam-b' }), anAlert({ cameraId: 'cam-c' })]);
      const many = [...Array.from({ length: 1500 }, (_, i) => `absent-${i}`), 'cam-b', 'cam-a'];
      expect(await page({ cameraIds: many })).toEqual({ items: [b, a], total: 2 });
    });

    it('pages through a camera subset in the same order as sorting it, rare or busy cameras alike', async () => {
      // Skewed on purpose: an adapter may plan rare and busy subsets differently (SQLite does).
      const start = Date.UTC(2026, 4, 1);
      const cameraOf = (i: number) => (i % 200 === 0 ? 'rare-1' : i % 200 === 1 ? 'rare-2' : 'busy');
      // Three alerts share each timestamp, so ties cross camera boundaries.
      const list = Array.from({ length: 600 }, (_, i) => anAlert({ cameraId: cameraOf(i), timestamp: new Date(start + Math.floor(i / 3) * 1000) }));
      await addAll(list);
      const cases: Array<[string[], number]> = [
        [['rare-1', 'rare-2'], 4],
        [['busy', 'rare-1'], 50],
        [['busy', 'rare-1', 'rare-2', 'none'], 50],
      ];
      for (const [subset, limit] of cases) {
        const expected = newestFirst(list.filter((alert) => subset.includes(alert.cameraId)));
        const seen: Alert[] = [];
        for (let offset = 0; offset < expected.length + limit; offset += limit) {
          const result = await alerts.list({ cameraIds: subset, offset, limit });
          expect(result.total).toBe(expected.length);
          seen.push(...result.items);
        }
        expect(ids(seen)).toEqual(ids(expected));
      }
      // 600 writes and ~40 pages: the MongoDB wire test double scans every document per query,
      // which on a busy machine takes longer than Jest's default 5 s.
    }, 30_000);

    it('bounds the timestamp inclusively with from and to', async () => {
      const [, atFrom, inside, atTo] = await addAll([
        anAlert({ timestamp: at('2026-05-01T09:59:59.999Z') }),
        anAlert({ timestamp: at('2026-05-01T10:00:00.000Z') }),
        anAlert({ timestamp: at('2026-05-01T10:30:00.000Z') }),
        anAlert({ timestamp: at('2026-05-01T11:00:00.000Z') }),
        anAlert({ timestamp: at('2026-05-01T11:00:00.001Z') }),
      ]);
      const from = at('2026-05-01T10:00:00Z');
      const to = at('2026-05-01T11:00:00Z');
      expect(await page({ from, to })).toEqual({ items: [atTo, inside, atFrom], total: 3 });
      expect((await page({ from })).total).toBe(4);
      expect((await page({ to })).total).toBe(4);
      expect(await page({ from: to, to: from })).toEqual({ items: [], total: 0 });
    });

    it('combines camera ids, time range and paging', async () => {
      const start = Date.UTC(2026, 5, 1);
      const list = await addAll(
        Array.from({ length: 30 }, (_, i) => anAlert({ cameraId: `cam-${i % 3}`, timestamp: new Date(start + i * 60_000) })),
      );
      const from = new Date(start + 5 * 60_000);
      const to = new Date(start + 24 * 60_000);
      const expected = newestFirst(list.filter((a) => a.cameraId !== 'cam-2' && a.timestamp >= from && a.timestamp <= to));
      const result = await alerts.list({ cameraIds: ['cam-0', 'cam-1'], from, to, offset: 3, limit: 5 });
      expect(result).toEqual({ items: expected.slice(3, 8), total: expected.length });
    });

    it('deletes the alerts of one camera and counts them; totals follow', async () => {
      const [keep] = await addAll([anAlert({ cameraId: 'keep' }), anAlert({ cameraId: 'drop' }), anAlert({ cameraId: 'drop' })]);
      expect(await alerts.deleteByCamera('drop')).toBe(2);
      expect(await alerts.deleteByCamera('drop')).toBe(0);
      expect(await alerts.deleteByCamera('$ne')).toBe(0);
      expect(await page({})).toEqual({ items: [keep], total: 1 });
      expect(await page({ cameraIds: ['drop', 'keep'] })).toEqual({ items: [keep], total: 1 });
      expect(await page({ cameraIds: ['drop'] })).toEqual({ items: [], total: 0 });
    });
  });
}
