// Builds the API and the console when their sources changed since the last build (used by
// `npm start` and `npm run demo`, so a fresh clone works with no separate build step).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const nxEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIfStale(name, stampFile, sources) {
  const stamp = join(root, stampFile);
  const stampTime = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const newest = Math.max(...sources.map((s) => newestMtime(join(root, s))));
  if (stampTime > newest) return;
  process.stdout.write(`Building ${name}…\n`);
  const run = spawnSync(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), 'run', `${name}:build`, '--outputStyle=static'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: nxEnv,
  });
  if (run.status !== 0) {
    process.stderr.write(`Build of ${name} failed\n`);
    process.exit(run.status ?? 1);
  }
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, new Date().toISOString() + '\n');
}

/** The API server only (tests that run dist/server without the console). */
export function ensureServerBuilt() {
  const shared = ['libs', 'package-lock.json', 'tsconfig.base.json'];
  buildIfStale('api', 'dist/server/.built', ['apps/api/src', 'apps/api/tsconfig.app.json', ...shared]);
}

export function ensureBuilt() {
  ensureServerBuilt();
  buildIfStale('web', 'dist/web/.built', ['apps/web', 'package-lock.json']);
}

export const serverMain = join(root, 'dist/server/apps/api/src/main.js');
