#!/usr/bin/env node
// `npm start`: builds when needed, then runs Argus in the foreground (Ctrl+C or SIGTERM stops it cleanly).
import { spawn } from 'node:child_process';
import { ensureBuilt, root, serverMain } from './build-if-stale.mjs';

ensureBuilt();
const child = spawn(process.execPath, [serverMain, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
