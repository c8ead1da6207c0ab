import { ChildProcess, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started (e.g. ENOENT). */
  error?: Error;
}

export interface FfmpegProcessOptions {
  /** Keep a pipe to the child's stdin (the decoder's input); otherwise stdin is closed. */
  stdin?: boolean;
  /**
   * Every stderr line as it arrives (the decoder reads showinfo lines there); returns true when the
   * line was consumed, so it is not kept for the exit reason.
   */
  onStderrLine?: (line: string) => boolean;
  /** Further pipes the child reads, as fd 3, 4, … (the box burner's overlay frames on pipe:3). */
  extraInputs?: number;
}

const TAIL_LINES = 12;
const MAX_LINE = 400;
export const STOP_GRACE_MS = 2000;

/**
 * One ffmpeg child, spawned directly (no shell) with an argument array. Keeps the last stderr
 * lines for an exit reason, and stops with SIGTERM, then SIGKILL, resolving once the child is gone.
 */
export class FfmpegProcess {
  readonly exited: Promise<FfmpegExit>;
  private readonly child: ChildProcess;
  private readonly tail: string[] = [];
  private partialLine = '';
  private stopRequested = false;
  private done = false;

  constructor(path: string, args: readonly string[], private readonly options: FfmpegProcessOptions = {}) {
    const extra = Array.from({ length: options.extraInputs ?? 0 }, () => 'pipe' as const);
    this.child = spawn(path, args, { stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe', ...extra] });
    this.exited = new Promise((resolve) => {
      const settle = (exit: FfmpegExit) => {
        if (this.done) return;
        this.done = true;
        this.flushStderr();
        resolve(exit);
      };
      // `on`, not `once`: a later error (a failed kill) must not go unhandled and take the process down.
      this.child.on('error', (error) => {
        if (this.child.pid === undefined) settle({ code: null, signal: null, error });
      });
      this.child.once('close', (code, signal) => settle({ code, signal }));
    });
    // A child that dies mid-write gives EPIPE on our side: the exit is reported, not the pipe error.
    for (const stream of this.child.stdio) stream?.on('error', () => undefined);
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (text: string) => this.stderr(text));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stdout(): Readable {
    return this.child.stdout as Readable;
  }

  get stdin(): Writable | null {
    return this.child.stdin;
  }

  /** Pipe `fd` (3, 4, …) of `extraInputs`. */
  input(fd: number): Writable {
    return this.child.stdio[fd] as Writable;
  }

  get stopping(): boolean {
    return this.stopRequested;
  }

  get running(): boolean {
    return !this.done;
  }

  /** The last stderr lines, oldest first. */
  lastLines(): string[] {
    return [...this.tail];
  }

  /** SIGTERM (ffmpeg closes its output cleanly), SIGKILL after `graceMs`; resolves once it has exited. */
  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    this.stopRequested = true;
    if (this.done) return;
    // Inputs closed first: ffmpeg's reader threads end on EOF.
    for (const stream of this.child.stdio.slice(3)) stream?.destroy();
    this.child.stdin?.destroy();
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private stderr(text: string): void {
    const lines = (this.partialLine + text).split(/\r?\n|\r/);
    this.partialLine = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  private flushStderr(): void {
    if (this.partialLine) this.line(this.partialLine);
    this.partialLine = '';
  }

  private line(line: string): void {
    if (this.options.onStderrLine?.(line) || !line.trim()) return;
    this.tail.push(line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
  }
}
