import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureServerBuilt, spawnBuiltServer, type BuiltServer } from './support/built-server';

jest.setTimeout(120_000);

// The production entry point on an empty DATA_DIR with no secrets in the environment: what a new
// user sees on the first start, and what survives a restart.
const NO_SECRETS = { ADMIN_USERNAME: '', ADMIN_PASSWORD: '', JWT_SECRET: '', ALERT_POST_AUTH_TOKEN: '', ARGUS_SECRET_KEY: '' };

async function started(server: BuiltServer): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output()}`);
    const up = await fetch(`${server.url}/api/health`).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start:\n${server.output()}`);
}

async function stop(server: BuiltServer): Promise<void> {
  server.child.kill('SIGTERM');
  expect((await server.exited).code).toBe(0);
}

const login = (url: string, username: string, password: string) =>
  fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

describe('first start with nothing configured, and a restart', () => {
  let dataDir: string;
  const servers: BuiltServer[] = [];
  const start = async () => {
    const server = await spawnBuiltServer({ ...NO_SECRETS, DATA_DIR: dataDir });
    servers.push(server);
    await started(server);
    return server;
  };

  beforeAll(() => {
    ensureServerBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'argus-first-start-'));
  });
  afterAll(async () => {
    for (const server of servers) await server.cleanUp();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the admin password and the alert token once, keeps the secrets in DATA_DIR, and reuses them after a restart', async () => {
    const first = await start();
    const out = first.output();
    const password = /First admin created: username "admin", password (\S+)/.exec(out)?.[1];
    const alertToken = /ALERT_POST_AUTH_TOKEN for POST \/api\/alerts: (\S+)/.exec(out)?.[1];
    expect(password).toBeDefined();
    expect(alertToken).toBeDefined();
    // Printed as plain lines for the person starting Argus, never inside a JSON log line.
    for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
      expect(line).not.toContain(password as string);
      expect(line).not.toContain(alertToken as string);
    }

    const loggedIn = await login(first.url, 'admin', password as string);
    expect(loggedIn.status).toBe(200);
    const { token } = (await loggedIn.json()) as { token: string };
    const me = (await (await fetch(`${first.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { mustChangePassword?: boolean };
    expect(me.mustChangePassword).toBe(true);
    const noCamera = await fetch(`${first.url}/api/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alertToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cameraId: 'none', bbox: { x: 0, y: 0, width: 1, height: 1 } }),
    });
    expect(noCamera.status).toBe(404); // past the token check: the printed token is the one in force

    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(stored).sort()).toEqual(['alertPostAuthToken', 'credentialKey', 'jwtSecret']);
    expect(stored['alertPostAuthToken']).toBe(alertToken);
    await stop(first);

    const second = await start();
    expect(second.output()).not.toContain('First admin created');
    expect(second.output()).not.toContain('ALERT_POST_AUTH_TOKEN for POST');
    // Same JWT secret: the token from before the restart still works; same alert token.
    expect((await fetch(`${second.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await login(second.url, 'admin', password as string)).status).toBe(200);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(stored);
    await stop(second);
  });

  it('takes the secrets from the environment over DATA_DIR, without writing them there', async () => {
    const before = readFileSync(join(dataDir, 'secrets.json'), 'utf8');
    const server = await spawnBuiltServer({ ...NO_SECRETS, DATA_DIR: dataDir, ALERT_POST_AUTH_TOKEN: 'token-from-the-environment-0123456789' });
    servers.push(server);
    await started(server);
    const post = (token: string) =>
      fetch(`${server.url}/api/alerts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ cameraId: 'none', bbox: { x: 0, y: 0, width: 1, height: 1 } }),
      });
    expect((await post('token-from-the-environment-0123456789')).status).toBe(404);
    expect((await post((JSON.parse(before) as { alertPostAuthToken: string }).alertPostAuthToken)).status).toBe(401);
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toBe(before);
    await stop(server);
  });
});
