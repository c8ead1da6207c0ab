export type TimerHandle = { readonly __timer: unique symbol } | object;

/** Scheduling as a port, so backoff, watchdogs and heartbeats are tested without sleeping. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
