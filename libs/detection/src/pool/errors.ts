/** The pool's bounded queue is full: the caller should drop this frame (a newer one will come). */
export class DetectionQueueFullError extends Error {
  constructor(maxQueue: number) {
    super(`detection queue is full (${maxQueue} frames waiting); frame dropped`);
    this.name = 'DetectionQueueFullError';
  }
}

/** A worker died (crash, out of memory) while it had this frame; a new worker replaces it. */
export class DetectionWorkerError extends Error {
  constructor(cause: unknown) {
    super(`detection worker failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DetectionWorkerError';
  }
}

/** The frame was not done within the task timeout; its worker is terminated and replaced. */
export class DetectionTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`detection took longer than ${timeoutMs} ms; worker restarted`);
    this.name = 'DetectionTimeoutError';
  }
}

export class DetectionPoolClosedError extends Error {
  constructor() {
    super('detection pool is closed');
    this.name = 'DetectionPoolClosedError';
  }
}

/** Piscina's own errors carry no type; map the ones a caller must tell apart. */
export function toDetectionError(error: unknown, context: { timeoutMs: number; timedOut: boolean }): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (context.timedOut) return new DetectionTimeoutError(context.timeoutMs);
  if (/worker exited|Terminating worker thread/i.test(message)) return new DetectionWorkerError(error);
  return error;
}
