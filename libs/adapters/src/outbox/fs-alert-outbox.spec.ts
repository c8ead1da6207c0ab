import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResilientAlertRepository, type Alert, type AlertRepository, type Timers } from '@argus/domain';
import { anAlert } from '../persistence/contract/fixtures';
import { SqliteAlertRepository, SqliteDatabase } from '../persistence/sqlite';
import { FsAlertOutbox } from './fs-alert-outbox';

const ids = (alerts: Alert[]) => alerts.map((a) => a.alertId);

describe('FsAlertOutbox', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'argus-outbox-')), 'outbox');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('keeps alerts with every field, in append order, across a reopen', async () => {
    const outbox = await FsAlertOutbox.open(dir);
    const alerts = [anAlert({ meta: { score: 0.5, frameWidth: 10, frameHeight: 20, faces: 2, trackId: 't' } }), anAlert({ snapshotUrl: 'https://w/s.jpg', snapshotKey: null }), anAlert()];
    for (const alert of alerts) await outbox.append(alert);
    expect(await outbox.pending()).toEqual(alerts);
    expect(await (await FsAlertOutbox.open(dir)).pending()).toEqual(alerts);
  });

  it('keeps the call order of appends made at the same time', async () => {
    const outbox = await FsAlertOutbox.open(dir);
    const alerts = Array.from({ length: 12 }, () => anAlert());
    await Promise.all(alerts.map((alert) => outbox.append(alert)));
    expect(ids(await outbox.pending())).toEqual(ids(alerts));
  });

  it('removes alerts (also ones listed by another instance) and ignores unknown ids', async () => {
    const [a, b, c] = [anAlert(), anAlert(), anAlert()];
    const first = await FsAlertOutbox.open(dir);
    for (const alert of [a, b, c]) await first.append(alert);
    await first.remove(b.alertId);
    const reopened = await FsAlertOutbox.open(dir);
    await reopened.remove(a.alertId);
    await reopened.remove('not-there');
    expect(ids(await reopened.pending())).toEqual([c.alertId]);
    // Appends after a reopen continue the sequence instead of overwriting.
    const d = anAlert();
    await reopened.append(d);
    expect(ids(await (await FsAlertOutbox.open(dir)).pending())).toEqual([c.alertId, d.alertId]);
  });

  it('writes private files, leaves no temporary file, and clears one a crash left behind', async () => {
    const outbox = await FsAlertOutbox.open(dir);
    await outbox.append(anAlert());
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const names = readdirSync(dir);
    expect(names).toEqual(['0000000000000001.json']);
    expect(statSync(join(dir, names[0])).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, '.0000000000000002.json.tmp'), '{"v":1,"alert":{"alertId":');
    const reopened = await FsAlertOutbox.open(dir);
    expect(readdirSync(dir)).toEqual(['0000000000000001.json']);
    expect(await reopened.pending()).toHaveLength(1);
  });

  it('sets an unreadable entry aside instead of failing every flush', async () => {
    const outbox = await FsAlertOutbox.open(dir);
    const good = anAlert();
    writeFileSync(join(dir, '0000000000000001.json'), 'not json');
    const reopened = await FsAlertOutbox.open(dir);
    await reopened.append(good);
    expect(ids(await reopened.pending())).toEqual([good.alertId]);
    expect(readdirSync(dir).sort()).toEqual(['0000000000000001.json.corrupt', '0000000000000002.json']);
    expect(await outbox.pending()).toHaveLength(1);
  });
});

/** Real timers, short delays. */
const timers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** SQLite whose writes fail while `down` is set. */
class SwitchableAlerts implements AlertRepository {
  down = false;
  constructor(private readonly inner: SqliteAlertRepository) {}
  async add(alert: Alert) {
    if (this.down) throw new Error('SQLITE_BUSY: database is locked');
    return this.inner.add(alert);
  }
  findById = (id: string) => this.inner.findById(id);
  list = (q: Parameters<AlertRepository['list']>[0]) => this.inner.list(q);
  deleteByCamera = (id: string) => this.inner.deleteByCamera(id);
  setIdentity = (...args: Parameters<AlertRepository['setIdentity']>) => this.inner.setIdentity(...args);
  clearPerson = (id: string) => this.inner.clearPerson(id);
  nameUnknown: AlertRepository['nameUnknown'] = (id, person) => this.inner.nameUnknown(id, person);
  attachClip: AlertRepository['attachClip'] = (id, key) => this.inner.attachClip(id, key);
}

describe('ResilientAlertRepository over SQLite and the disk outbox', () => {
  let dir: string;
  let db: SqliteDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'argus-outbox-'));
    db = SqliteDatabase.inMemory();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it('stores every alert once, in order, after an outage and a restart in the middle of it', async () => {
    const target = new SwitchableAlerts(new SqliteAlertRepository(db));
    const options = { writeTimeoutMs: 500, retryMs: 20, maxRetryMs: 40 };
    const first = new ResilientAlertRepository(target, await FsAlertOutbox.open(join(dir, 'outbox')), timers, options);
    const alerts = Array.from({ length: 9 }, () => anAlert());
    await first.add(alerts[0]);
    target.down = true;
    for (const alert of alerts.slice(1, 6)) await first.add(alert);
    await first.close();
    // Restarted while the database is still down: more alerts queue behind the old ones.
    const second = new ResilientAlertRepository(target, await FsAlertOutbox.open(join(dir, 'outbox')), timers, options);
    expect(await second.start()).toBe(5);
    for (const alert of alerts.slice(6)) await second.add(alert);
    target.down = false;
    await until(async () => (await target.list({ offset: 0, limit: 100 })).total === 9);
    await second.close();
    // Insertion order is SQLite's rowid order.
    const rows = db.connection.prepare('SELECT id FROM alerts ORDER BY rowid').all() as Array<{ id: string }>;
    expect(rows.map((r) => r.id)).toEqual(ids(alerts));
    expect(readdirSync(join(dir, 'outbox'))).toEqual([]);
  });
});
