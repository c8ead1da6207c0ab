import type { Alert, NotificationDispatcher } from '@argus/domain';
import { ALERT_RETRY_DELAYS_MS, NotificationHub } from './notification-hub';

const alert = (alertId: string) => ({ alertId, cameraId: 'c1' }) as Alert;

/** A dispatcher whose alertRaised fails `failures` times (the database away), then works. */
function flakyDispatcher(failures: number) {
  const calls: string[] = [];
  let left = failures;
  const dispatcher = {
    alertRaised: async (a: Alert) => {
      calls.push(a.alertId);
      if (left-- > 0) throw new Error('database unavailable');
    },
  } as unknown as NotificationDispatcher;
  return { dispatcher, calls };
}

async function flush() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('NotificationHub', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('dispatches an alert again with backoff while the database is away, once it works', async () => {
    const hub = new NotificationHub();
    const { dispatcher, calls } = flakyDispatcher(3);
    hub.attach(dispatcher);
    hub.alertRaised(alert('a1'));
    await hub.idle();
    expect(calls).toEqual(['a1']);
    expect(hub.retrying).toBe(1);
    for (const delay of ALERT_RETRY_DELAYS_MS.slice(0, 3)) {
      jest.advanceTimersByTime(delay);
      await flush();
      await hub.idle();
    }
    expect(calls).toEqual(['a1', 'a1', 'a1', 'a1']);
    expect(hub.retrying).toBe(0);
    jest.advanceTimersByTime(60_000);
    await hub.idle();
    expect(calls).toHaveLength(4);
  });

  it('gives up after the last delay, and drops waiting alerts on close', async () => {
    const hub = new NotificationHub();
    const { dispatcher, calls } = flakyDispatcher(Number.POSITIVE_INFINITY);
    hub.attach(dispatcher);
    hub.alertRaised(alert('a1'));
    await hub.idle();
    for (const delay of ALERT_RETRY_DELAYS_MS) {
      jest.advanceTimersByTime(delay);
      await flush();
      await hub.idle();
    }
    expect(calls).toHaveLength(ALERT_RETRY_DELAYS_MS.length + 1);
    expect(hub.retrying).toBe(0);

    hub.alertRaised(alert('a2'));
    await hub.idle();
    expect(hub.retrying).toBe(1);
    hub.close();
    jest.advanceTimersByTime(60_000);
    await hub.idle();
    expect(calls.filter((id) => id === 'a2')).toHaveLength(1);
  });
});
