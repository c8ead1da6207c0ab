import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createArgusApp } from '../app.factory';
import type { AppModuleOptions } from '../app.module';
import { loadConfig, loadSecrets, type ArgusConfig } from '@argus/config';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };
export const ALERT_TOKEN = 'test-alert-token-0123456789';
export const JWT_SECRET = 'test-jwt-secret-0123456789abcdef';

export interface TestApp {
  app: INestApplication;
  url: string;
  config: ArgusConfig;
  http: () => ReturnType<typeof request>;
  login(username: string, password: string): Promise<string>;
  adminToken: string;
  /** Creates a user through the API and returns its id and token. */
  user(role: 'admin' | 'operator' | 'viewer', name?: string): Promise<{ id: string; token: string; username: string }>;
  close(): Promise<void>;
}

let counter = 0;

/** What a server started from this shell would take from it: its ffmpeg and its detector settings. */
function hostSettings(): Record<string, string> {
  const names = ['PATH', 'FFMPEG_PATH', 'DETECTION_ENGINE', 'DETECTION_MODEL', 'DETECTION_MIN_SCORE', 'DETECTION_TILING', 'TFJS_BACKEND'];
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name] as string]] : [])));
}

/** A real Argus app on an in-memory SQLite database and a temporary DATA_DIR, listening on a free port. */
export async function startTestApp(env: Record<string, string> = {}, options: Pick<AppModuleOptions, 'detectionPool' | 'faceAnalyser' | 'logStream' | 'recording'> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'argus-test-'));
  const config = loadConfig({
    ...hostSettings(),
    DATA_DIR: dataDir,
    PORT: '0',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    ALERT_POST_AUTH_TOKEN: ALERT_TOKEN,
    JWT_SECRET,
    LOG_LEVEL: 'silent',
    WEB_ROOT: '',
    ...env,
  });
  const secrets = loadSecrets(config);
  const app = await createArgusApp({ config, secrets, sqliteFile: ':memory:', ...options });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const http = () => request(app.getHttpServer());
  const login = async (username: string, password: string) => {
    const res = await http().post('/api/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  };
  const adminToken = await login(ADMIN.username, ADMIN.password);
  return {
    app,
    url,
    config,
    http,
    login,
    adminToken,
    async user(role, name) {
      const username = name ?? `${role}-${++counter}`;
      const password = `${username}-password`;
      const res = await http().post('/api/users').set('Authorization', `Bearer ${adminToken}`).send({ username, password, role });
      if (res.status !== 201) throw new Error(`create user → ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id, username, token: await login(username, password) };
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export const cameraBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Front door',
  location: 'Porch',
  rtspUrl: 'rtsp://user:secret@192.0.2.10:554/stream1',
  ...overrides,
});
