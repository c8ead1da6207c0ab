import { format } from 'node:util';

/**
 * Sends everything written through `console` to stderr, so that libraries (tfjs, the WASM runtime,
 * ONNX Runtime's JS side) cannot put a stray line into a stdout that scripts parse as JSON lines.
 * The CLI writes its results with `process.stdout.write` only.
 */
export function routeConsoleToStderr(): void {
  const toStderr = (...args: unknown[]) => {
    process.stderr.write(format(...args) + '\n');
  };
  console.log = toStderr;
  console.info = toStderr;
  console.warn = toStderr;
  console.debug = toStderr;
  console.trace = toStderr;
}
