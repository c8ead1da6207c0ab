import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SqliteCameraRepository, SqliteDatabase } from '@argus/adapters/persistence/sqlite';
import { createArgusApp } from '../../src/app.factory';
import { loadConfig, loadSecrets } from '@argus/config';
import { ADMIN, bearer } from '../../src/testing/test-app';

const PASSWORD = 'Sup3r-Secret-Camera-Pass';
const CAMERA_URL = `rtsp://admin:${PASSWORD}@gate-cam.example:554/live`;

/** An app on a real SQLite file in `dataDir`, as `npm start` runs it. */
async function startOnDisk(dataDir: string, env: Record<string, string> = {}) {
  const config = loadConfig({ DATA_DIR: dataDir, ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'silent', WEB_ROOT: '', ...env });
  const app: INestApplication = await createArgusApp({ config, secrets: loadSecrets(config) });
  await app.init();
  const http = () => request(app.getHttpServer());
  const token = (await http().post('/api/auth/login').send(ADMIN).expect(200)).body.token as string;
  return { app, http, token };
}

const diskBytes = (dir: string) =>
  Buffer.concat(readdirSync(dir).filter((n) => n.startsWith('argus.db')).map((n) => readFileSync(join(dir, n))));

describe('RTSP passwords encrypted at rest', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'argus-at-rest-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the password out of the database file and out of answers, across a restart', async () => {
    const first = await startOnDisk(dataDir);
    const created = (await first.http().post('/api/cameras').set(bearer(first.token)).send({ name: 'Gate', location: '', rtspUrl: CAMERA_URL }).expect(201)).body;
    expect(created.rtspUrl).toBe('rtsp://admin:***@gate-cam.example:554/live');
    await first.app.close();
    const bytes = diskBytes(dataDir);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(PASSWORD)).toBe(false);
    // The key was generated into secrets.json (0600) and opens the CAMERA_URL after a restart.
    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
    expect(Buffer.from(secrets.credentialKey, 'base64')).toHaveLength(32);
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const second = await startOnDisk(dataDir);
    try {
      const cameras = (await second.http().get('/api/cameras').set(bearer(second.token)).expect(200)).body;
      expect(cameras.items.map((c: { rtspUrl: string }) => c.rtspUrl)).toEqual([created.rtspUrl]);
      expect(JSON.stringify(cameras)).not.toMatch(/enc:v1|Sup3r/);
    } finally {
      await second.app.close();
    }
  });

  it('seals URLs an earlier version stored in plain text when it starts', async () => {
    const db = SqliteDatabase.openInDataDir(dataDir);
    await new SqliteCameraRepository(db).create({
      id: 'legacy-cam', name: 'Old', location: '', rtspUrl: CAMERA_URL, enabled: false, detectionEnabled: true, fps: 10,
      status: 'stopped', lastError: null, ownerId: 'someone', viewerIds: [], createdAt: new Date(), updatedAt: new Date(),
    });
    db.close();
    expect(diskBytes(dataDir).includes(PASSWORD)).toBe(true);
    const started = await startOnDisk(dataDir);
    const camera = (await started.http().get('/api/cameras/legacy-cam').set(bearer(started.token)).expect(200)).body;
    expect(camera.rtspUrl).toBe('rtsp://admin:***@gate-cam.example:554/live');
    await started.app.close();
    expect(diskBytes(dataDir).includes(PASSWORD)).toBe(false);
  });

  it('takes the key from ARGUS_SECRET_KEY and refuses one that is not 32 bytes of base64', async () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const config = loadConfig({ DATA_DIR: dataDir, ARGUS_SECRET_KEY: key });
    expect(loadSecrets(config).credentialKey).toBe(key);
    expect(JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'))).not.toHaveProperty('credentialKey');
    expect(() => loadSecrets(loadConfig({ DATA_DIR: dataDir, ARGUS_SECRET_KEY: 'too-short' }))).toThrow(/32 bytes/);
  });
});
