import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null = null;

/**
 * A full garbage collection, so heap figures compare live objects only. Jest's workers do not run
 * with --expose-gc; the flag can still be set at run time, and a new context then sees `gc`.
 */
export function fullGc(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

/** Heap in use after a full collection, MB (one decimal). */
export function liveHeapMb(): number {
  fullGc();
  fullGc(); // a second pass frees what the first one's finalizers let go
  return Math.round((process.memoryUsage().heapUsed / 1e6) * 10) / 10;
}
