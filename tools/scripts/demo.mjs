#!/usr/bin/env node
// `npm run demo`: `npm start` plus a local simulated RTSP camera with faces, registered and started.
import { spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { ensureBuilt, root, serverMain } from './build-if-stale.mjs';

/** The first free TCP port from `start` on. */
async function freePort(start) {
  for (let port = start; port < start + 100; port++) {
    const free = await new Promise((resolve) => {
      const probe = createServer().once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${start}`);
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => socket.end(resolve));
      socket.once('error', () => (Date.now() > deadline ? reject(new Error(`camera simulator did not open port ${port}`)) : setTimeout(attempt, 250)));
    };
    attempt();
  });
}

ensureBuilt();
const simPort = await freePort(Number(process.env.SIM_PORT || 8554));
const sim = spawn(process.execPath, ['--import', 'tsx', 'tools/camera-sim/main.ts', '--port', String(simPort), '--paths', 'faces,empty'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: process.env,
});
const children = [sim];
const stopAll = (signal) => children.forEach((c) => c.exitCode === null && c.kill(signal));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal));
sim.on('exit', (code) => {
  if (code) process.stderr.write(`camera simulator exited with ${code}\n`);
  stopAll('SIGTERM');
});

await waitForPort(simPort, 120_000);
const server = spawn(process.execPath, [serverMain], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DEMO_CAMERAS: process.env.DEMO_CAMERAS || `Demo camera (faces)=rtsp://127.0.0.1:${simPort}/faces` },
});
children.push(server);
server.on('exit', (code, signal) => {
  stopAll('SIGTERM');
  process.exit(code ?? (signal ? 0 : 1));
});
