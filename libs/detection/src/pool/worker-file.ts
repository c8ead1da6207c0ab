import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkerEntry {
  filename: string;
  execArgv: string[];
}

/**
 * The worker's entry file. Built (dist/server/..., tsc keeps the repo layout) the compiled
 * `detection.worker.js` sits next to this file; from TypeScript sources (Jest, the CLI, benchmarks)
 * only the `.ts` exists, and the worker thread needs tsx registered to load it.
 */
export function detectionWorkerEntry(dir: string = __dirname, baseName = 'detection.worker'): WorkerEntry {
  const compiled = join(dir, `${baseName}.js`);
  if (existsSync(compiled)) return { filename: compiled, execArgv: process.execArgv };
  return { filename: join(dir, `${baseName}.ts`), execArgv: withTsx(process.execArgv) };
}

export function withTsx(execArgv: readonly string[]): string[] {
  const hasTsx = execArgv.some((arg, i) => arg === 'tsx' && execArgv[i - 1] === '--import') || execArgv.includes('--import=tsx');
  return hasTsx ? [...execArgv] : [...execArgv, '--import', 'tsx'];
}
