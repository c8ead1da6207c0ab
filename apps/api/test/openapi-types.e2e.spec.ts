import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../src/testing/test-app';

const ROOT = join(__dirname, '..', '..', '..');

// The console's API types (apps/web/src/app/api/openapi.ts) are generated from the OpenAPI document
// by `npm run api:types`; a view or DTO changed without regenerating them fails here, as
// `npm run api:types -- --check` fails in CI. The check runs in its own process: openapi-typescript
// is an ES module, which Node loads and Jest's module system does not.
describe('the console’s API types', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'argus-openapi-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are what npm run api:types generates from /api/docs-json', async () => {
    const document = join(dir, 'openapi.json');
    writeFileSync(document, JSON.stringify((await t.http().get('/api/docs-json').expect(200)).body));
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'tools/openapi/main.ts', '--check', '--document', document], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
