import { createRequire } from 'node:module';

const requireOptional = createRequire(__filename);

/** tfjs backends this library knows how to start. */
export type TfjsBackend = 'tensorflow' | 'wasm' | 'cpu';
export const TFJS_BACKENDS: readonly TfjsBackend[] = ['tensorflow', 'wasm', 'cpu'];

/** True when @tensorflow/tfjs-node is installed (it is not by default: its install downloads libtensorflow). */
export function hasTfjsNode(): boolean {
  try {
    requireOptional.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

/**
 * The backend to use: the requested one (the `TFJS_BACKEND` setting) when given, else tfjs-node's native
 * TensorFlow when it is installed, else WASM (SIMD; ~15 ms per inference vs ~460 ms on the pure-JS cpu
 * backend, no native download).
 */
export function chooseTfjsBackend(requested?: string): TfjsBackend {
  if (requested) {
    if ((TFJS_BACKENDS as readonly string[]).includes(requested)) return requested as TfjsBackend;
    throw new Error(`TFJS_BACKEND=${requested} is not one of ${TFJS_BACKENDS.join(', ')}`);
  }
  return hasTfjsNode() ? 'tensorflow' : 'wasm';
}

let started: Promise<TfjsBackend> | undefined;

/** Starts the backend once per thread; later calls get the same one. */
export function startTfjsBackend(backend: TfjsBackend = chooseTfjsBackend()): Promise<TfjsBackend> {
  started ??= start(backend);
  return started;
}

async function start(backend: TfjsBackend): Promise<TfjsBackend> {
  const tf = await import('@tensorflow/tfjs');
  if (backend === 'tensorflow') requireOptional('@tensorflow/tfjs-node'); // registers the backend
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  tf.env().set('PROD', true); // no debug checks or deprecation chatter
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to start`);
  await tf.ready();
  return backend;
}
