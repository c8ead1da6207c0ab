import type { Socket } from 'socket.io-client';

export interface StateEvent {
  cameraId: string;
  status: string;
  error?: string;
  fps: number;
  /** When this test saw it (ms since epoch). */
  seenAt: number;
}

/**
 * Every `camera_state` event from one socket, kept in order, so a test can wait for a status that
 * may already have arrived (events race the HTTP answers that cause them).
 */
export class StateLog {
  readonly events: StateEvent[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(socket: Socket) {
    socket.on('camera_state', (event: Omit<StateEvent, 'seenAt'>) => {
      this.events.push({ ...event, seenAt: Date.now() });
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** A position in the log: waits `after` it ignore everything before. */
  mark(): number {
    return this.events.length;
  }

  of(cameraId: string, after = 0): StateEvent[] {
    return this.events.slice(after).filter((e) => e.cameraId === cameraId);
  }

  /** The first event of `cameraId` with `status` after `after`, waiting up to `timeoutMs` for it. */
  waitFor(cameraId: string, status: string, timeoutMs: number, after = 0): Promise<StateEvent> {
    const find = () => this.events.slice(after).find((e) => e.cameraId === cameraId && e.status === status);
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (!found) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        const seen = this.of(cameraId, after).map((e) => e.status + (e.error ? ` (${e.error})` : ''));
        reject(new Error(`camera ${cameraId}: no "${status}" within ${timeoutMs} ms; saw: ${seen.join(', ') || 'nothing'}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }
}
