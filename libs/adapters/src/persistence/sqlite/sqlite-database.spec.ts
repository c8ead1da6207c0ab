import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQLITE_MIGRATIONS, type SqliteMigration } from './migrations';
import { SqliteAlertRepository } from './sqlite-alert-repository';
import { SqliteCameraRepository } from './sqlite-camera-repository';
import { SQLITE_FILE_NAME, SqliteDatabase } from './sqlite-database';

describe('SqliteDatabase', () => {
  let dir: string;
  const opened: SqliteDatabase[] = [];
  const open = (db: SqliteDatabase) => (opened.push(db), db);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'argus-sqlite-'));
  });
  afterEach(() => {
    opened.splice(0).forEach((db) => db.close());
    rmSync(dir, { recursive: true, force: true });
  });

  const pragma = (db: SqliteDatabase, name: string) => (db.connection.pragma(name) as Array<Record<string, unknown>>)[0];

  it('creates <DATA_DIR>/argus.db with WAL, a busy timeout and foreign keys', () => {
    const dataDir = join(dir, 'nested', 'data');
    const db = open(SqliteDatabase.openInDataDir(dataDir, { busyTimeoutMs: 1234 }));
    expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(true);
    expect(pragma(db, 'journal_mode')).toMatchObject({ journal_mode: 'wal' });
    expect(pragma(db, 'busy_timeout')).toMatchObject({ timeout: 1234 });
    expect(pragma(db, 'foreign_keys')).toMatchObject({ foreign_keys: 1 });
  });

  it('applies each migration once and keeps the data across reopening', async () => {
    const file = join(dir, 'argus.db');
    const first = open(new SqliteDatabase(file));
    expect(first.appliedMigrations()).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    await new SqliteAlertRepository(first).add({
      alertId: 'a1',
      cameraId: 'c1',
      timestamp: new Date(1),
      bbox: { x: 0, y: 0, width: 1, height: 1 },
      snapshotUrl: null,
      snapshotKey: null,
      meta: { score: 1, frameWidth: 2, frameHeight: 2, faces: 1 },
      createdAt: new Date(2),
    });
    first.close();
    const again = open(new SqliteDatabase(file));
    expect(again.appliedMigrations()).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    expect((await new SqliteAlertRepository(again).list({ offset: 0, limit: 10 })).total).toBe(1);
  });

  it('reads cameras stored before zones with none, and alerts as faces in no zone', async () => {
    const file = join(dir, 'zones.db');
    const before = open(new SqliteDatabase(file, { migrations: SQLITE_MIGRATIONS.filter((m) => m.version < 5) }));
    before.connection
      .prepare(
        `INSERT INTO cameras (id, name, location, rtsp_url, enabled, detection_enabled, fps, status, last_error, owner_id, created_at, updated_at)
         VALUES ('c1', 'Gate', '', 'rtsp://h/x', 1, 1, 10, 'stopped', NULL, 'u1', 1, 1)`,
      )
      .run();
    before.connection
      .prepare(
        `INSERT INTO alerts (id, camera_id, ts, bbox_x, bbox_y, bbox_width, bbox_height, snapshot_url, snapshot_key, meta, created_at)
         VALUES ('old', 'c1', 1, 0, 0, 1, 1, NULL, NULL, '{"score":1,"frameWidth":2,"frameHeight":2,"faces":1}', 2)`,
      )
      .run();
    before.close();
    const db = open(new SqliteDatabase(file));
    const cameras = new SqliteCameraRepository(db);
    expect((await cameras.findById('c1'))?.zones).toEqual([]);
    expect(await new SqliteAlertRepository(db).findById('old')).toMatchObject({ kind: 'face', zones: [] });
    const zones = [{ name: 'Door', kind: 'zone' as const, points: [[0, 0], [1, 0], [0.5, 1]] as [number, number][] }];
    expect((await cameras.update('c1', { zones }))?.zones).toEqual(zones);
  });

  it('reads alerts stored before identities back without any, and lets them gain one', async () => {
    const file = join(dir, 'upgrade.db');
    const before = open(new SqliteDatabase(file, { migrations: SQLITE_MIGRATIONS.filter((m) => m.version < 3) }));
    before.connection
      .prepare(
        `INSERT INTO alerts (id, camera_id, ts, bbox_x, bbox_y, bbox_width, bbox_height, snapshot_url, snapshot_key, meta, created_at)
         VALUES ('old', 'c1', 1, 0, 0, 1, 1, NULL, NULL, '{"score":1,"frameWidth":2,"frameHeight":2,"faces":1}', 2)`,
      )
      .run();
    before.close();
    const alerts = new SqliteAlertRepository(open(new SqliteDatabase(file)));
    const old = await alerts.findById('old');
    expect(old).toEqual({
      alertId: 'old',
      cameraId: 'c1',
      timestamp: new Date(1),
      bbox: { x: 0, y: 0, width: 1, height: 1 },
      snapshotUrl: null,
      snapshotKey: null,
      meta: { score: 1, frameWidth: 2, frameHeight: 2, faces: 1 },
      createdAt: new Date(2),
      kind: 'face',
      zones: [],
    });
    expect(old).not.toHaveProperty('person');
    expect(old).not.toHaveProperty('unknownId');
    expect((await alerts.list({ unknown: true, offset: 0, limit: 10 })).total).toBe(0);
    await alerts.setIdentity('old', null, 'unknown-1');
    expect(await alerts.findById('old')).toEqual({ ...old, person: null, unknownId: 'unknown-1' });
    expect((await alerts.list({ unknown: true, offset: 0, limit: 10 })).total).toBe(1);
  });

  it('applies migrations in version order and rolls a failing one back entirely', () => {
    const migrations: SqliteMigration[] = [
      { version: 2, name: 'second', sql: 'CREATE TABLE second (id INTEGER); INSERT INTO first VALUES (2);' },
      { version: 1, name: 'first', sql: 'CREATE TABLE first (id INTEGER);' },
      { version: 3, name: 'broken', sql: 'CREATE TABLE third (id INTEGER); INSERT INTO missing VALUES (1);' },
    ];
    const file = join(dir, 'custom.db');
    expect(() => new SqliteDatabase(file, { migrations })).toThrow(/missing/);
    const db = open(new SqliteDatabase(file, { migrations: migrations.slice(0, 2) }));
    expect(db.appliedMigrations()).toEqual([1, 2]);
    const tables = db.connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'third'").all();
    expect(tables).toEqual([]);
  });

  it('keeps the per-camera alert counters equal to the rows', async () => {
    const db = open(SqliteDatabase.inMemory());
    const alerts = new SqliteAlertRepository(db);
    const base = { bbox: { x: 0, y: 0, width: 1, height: 1 }, snapshotUrl: null, snapshotKey: null, meta: { score: 1, frameWidth: 2, frameHeight: 2, faces: 1 } };
    await alerts.addMany(
      Array.from({ length: 30 }, (_, i) => ({ ...base, alertId: `a${i}`, cameraId: `c${i % 3}`, timestamp: new Date(i), createdAt: new Date(i) })),
    );
    await alerts.deleteByCamera('c1');
    db.connection.prepare("UPDATE alerts SET camera_id = 'c9' WHERE id = 'a0'").run();
    type Count = { camera_id: string; n: number };
    const rows = (sql: string) => (db.connection.prepare(sql).all() as Count[]).map(({ camera_id, n }) => ({ camera_id, n }));
    const counters = rows('SELECT camera_id, n FROM alert_counts WHERE n > 0 ORDER BY camera_id');
    expect(counters).toEqual(rows('SELECT camera_id, COUNT(*) AS n FROM alerts GROUP BY camera_id ORDER BY camera_id'));
    expect(counters).toEqual([
      { camera_id: 'c0', n: 9 },
      { camera_id: 'c2', n: 10 },
      { camera_id: 'c9', n: 1 },
    ]);
    expect((await alerts.list({ offset: 0, limit: 1 })).total).toBe(20);
  });
});
