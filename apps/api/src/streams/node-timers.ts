import type { TimerHandle, Timers } from '@argus/domain';

/** The real clock's timers; unref'd so a pending reconnect never keeps a stopping process alive. */
export class NodeTimers implements Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as NodeJS.Timeout);
  }
}
