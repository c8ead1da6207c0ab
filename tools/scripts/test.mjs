#!/usr/bin/env node
// `npm test`: every Jest project in one run; extra arguments go to Jest (e.g. `npm test -- libs/domain`).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const jestBin = require.resolve('jest/bin/jest');
const summaryReporter = join(dirname(fileURLToPath(import.meta.url)), '..', 'jest', 'summary-reporter.js');
// The caller's arguments (paths, filters) come first: Jest would read anything after
// `--reporters` as more reporters. --forceExit: a stray handle (a browser, a socket) must not
// keep CI waiting after the totals are printed.
const args = [jestBin, ...process.argv.slice(2), '--forceExit', '--reporters=default', `--reporters=${summaryReporter}`];
const run = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
process.exit(run.status ?? 1);
