import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FfmpegProcess } from './ffmpeg-process';
import { processGone } from '@argus/tools/testing/media/ffmpeg-binaries';

describe('FfmpegProcess', () => {
  let dir: string;
  const script = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'argus-proc-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the last stderr lines, except those the owner consumed', async () => {
    const lines: string[] = [];
    const path = script('talk', 'for i in $(seq 1 20); do echo "line $i" >&2; done; printf "frame 1\\rlast" >&2; exit 3');
    const child = new FfmpegProcess(path, [], { onStderrLine: (line) => (lines.push(line), line.startsWith('frame')) });
    expect(await child.exited).toEqual({ code: 3, signal: null });
    expect(child.lastLines()).toEqual([...Array.from({ length: 11 }, (_, i) => `line ${i + 10}`), 'last']);
    expect(lines).toContain('frame 1');
  });

  it('stops with SIGTERM and resolves once the child has exited', async () => {
    const child = new FfmpegProcess(script('wait', 'exec sleep 30'), []);
    const pid = child.pid as number;
    await child.stop();
    expect(await child.exited).toMatchObject({ signal: 'SIGTERM' });
    expect(processGone(pid)).toBe(true);
    expect(child.running).toBe(false);
  });

  it('kills a child that ignores SIGTERM after the grace period', async () => {
    const child = new FfmpegProcess(script('stubborn', "trap '' TERM\nexec sleep 30"), []);
    const pid = child.pid as number;
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the shell install its trap
    const started = Date.now();
    await child.stop(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(processGone(pid)).toBe(true);
  });

  it('reports a binary that cannot be started', async () => {
    const child = new FfmpegProcess(join(dir, 'missing'), [], { stdin: true });
    const exit = await child.exited;
    expect(exit.error?.message).toMatch(/ENOENT/);
    await child.stop();
    child.stdin?.write('ignored');
  });

  it('takes every error its child reports, not only the first (a second one would be unhandled)', async () => {
    const child = new FfmpegProcess(script('idle', 'exec sleep 30'), []);
    const raw = (child as unknown as { child: import('node:child_process').ChildProcess }).child;
    expect(() => {
      raw.emit('error', new Error('kill failed'));
      raw.emit('error', new Error('kill failed again'));
    }).not.toThrow();
    expect(child.running).toBe(true); // a running child's errors do not end it
    await child.stop();
  });
});
