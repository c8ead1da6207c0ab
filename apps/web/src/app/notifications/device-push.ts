import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { NotificationApi, type NotificationFilters } from './notification-api';

/** The service worker that shows pushed alerts (served from the console's root, so its scope is the whole console). */
export const SERVICE_WORKER_URL = '/argus-sw.js';

export type DevicePushState = 'unsupported' | 'denied' | 'off' | 'on';

/** base64url → the bytes `applicationServerKey` wants. */
export function vapidKeyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** "Notify me on this device": this browser's Web Push subscription, registered with Argus. */
@Injectable({ providedIn: 'root' })
export class DevicePush {
  private readonly api = inject(NotificationApi);
  readonly state = signal<DevicePushState>('off');

  constructor() {
    void this.refresh();
  }

  get supported(): boolean {
    return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  }

  /** Reads the state from the browser (permission and an existing subscription). */
  async refresh(): Promise<DevicePushState> {
    const state = await this.current();
    this.state.set(state);
    return state;
  }

  /** Asks for permission, subscribes this browser and registers it with the filters; throws with a reason. */
  async enable(filters: NotificationFilters): Promise<void> {
    if (!this.supported) throw new Error('This browser cannot receive push notifications');
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      this.state.set(permission === 'denied' ? 'denied' : 'off');
      throw new Error('Notifications are blocked for this site in the browser settings');
    }
    const registration = await navigator.serviceWorker.register(SERVICE_WORKER_URL);
    await navigator.serviceWorker.ready;
    const { publicKey } = await firstValueFrom(this.api.pushKey());
    let subscription = await registration.pushManager.getSubscription();
    if (subscription && !sameKey(subscription, publicKey)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: vapidKeyBytes(publicKey) });
    const json = subscription.toJSON();
    await firstValueFrom(
      this.api.subscribe({
        endpoint: json.endpoint ?? subscription.endpoint,
        keys: { p256dh: json.keys?.['p256dh'] ?? '', auth: json.keys?.['auth'] ?? '' },
        ...filters,
      }),
    );
    this.state.set('on');
  }

  /** The filters Argus holds for this browser's subscription; null when it has none. */
  async currentFilters(): Promise<NotificationFilters | null> {
    const subscription = await this.subscription();
    if (!subscription) return null;
    const entry = (await firstValueFrom(this.api.subscriptions())).find((s) => s.endpoint === subscription.endpoint);
    return entry ? { cameraIds: entry.cameraIds, personIds: entry.personIds, unknownOnly: entry.unknownOnly, kinds: entry.kinds } : null;
  }

  /** Stops notifying this browser, on Argus's side and in the browser. */
  async disable(): Promise<void> {
    const subscription = await this.subscription();
    if (subscription) {
      const mine = await firstValueFrom(this.api.subscriptions());
      const entry = mine.find((s) => s.endpoint === subscription.endpoint);
      if (entry) await firstValueFrom(this.api.unsubscribe(entry.id));
      await subscription.unsubscribe();
    }
    this.state.set('off');
  }

  private async current(): Promise<DevicePushState> {
    if (!this.supported) return 'unsupported';
    if (Notification.permission === 'denied') return 'denied';
    return (await this.subscription()) ? 'on' : 'off';
  }

  private async subscription(): Promise<PushSubscription | null> {
    if (!this.supported) return null;
    const registration = await navigator.serviceWorker.getRegistration(SERVICE_WORKER_URL);
    return (await registration?.pushManager.getSubscription()) ?? null;
  }
}

function sameKey(subscription: PushSubscription, publicKey: string): boolean {
  const key = subscription.options.applicationServerKey;
  if (!key) return false;
  const given = vapidKeyBytes(publicKey);
  const have = new Uint8Array(key);
  return have.length === given.length && have.every((b, i) => b === given[i]);
}
