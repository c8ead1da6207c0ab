import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectionWorkerEntry, withTsx } from './worker-file';

describe('detectionWorkerEntry', () => {
  it('prefers the compiled worker next to the pool (dist build)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-worker-'));
    writeFileSync(join(dir, 'detection.worker.js'), '');
    expect(detectionWorkerEntry(dir)).toEqual({ filename: join(dir, 'detection.worker.js'), execArgv: process.execArgv });
  });

  it('falls back to the TypeScript source with tsx registered in the worker', () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-worker-'));
    const entry = detectionWorkerEntry(dir);
    expect(entry.filename).toBe(join(dir, 'detection.worker.ts'));
    expect(entry.execArgv.slice(-2)).toEqual(['--import', 'tsx']);
  });

  it('does not register tsx twice', () => {
    expect(withTsx(['--import', 'tsx'])).toEqual(['--import', 'tsx']);
    expect(withTsx(['--import=tsx'])).toEqual(['--import=tsx']);
  });
});
