import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { ApiSchema } from '../api/api-types';

export type Webhook = ApiSchema<'Webhook'>;
export type NewWebhook = ApiSchema<'CreateWebhookDto'>;
export type WebhookDelivery = ApiSchema<'WebhookDelivery'>;
export type PushSubscriptionInfo = ApiSchema<'PushSubscription'>;
export type NewPushSubscription = ApiSchema<'CreatePushSubscriptionDto'>;
export type NotificationFilters = Pick<NewWebhook, 'cameraIds' | 'personIds' | 'unknownOnly' | 'kinds'>;

/** The console's view of `/api/notifications`: the signed-in user's webhooks and browsers. */
@Injectable({ providedIn: 'root' })
export class NotificationApi {
  private readonly http = inject(HttpClient);

  webhooks(): Observable<Webhook[]> {
    return this.http.get<Webhook[]>('/api/notifications/webhooks');
  }

  createWebhook(webhook: NewWebhook): Observable<Webhook> {
    return this.http.post<Webhook>('/api/notifications/webhooks', webhook);
  }

  removeWebhook(id: string): Observable<void> {
    return this.http.delete<void>(this.webhookUrl(id));
  }

  /** 202: one test delivery is queued; its result shows in the log. */
  testWebhook(id: string): Observable<void> {
    return this.http.post<void>(`${this.webhookUrl(id)}/test`, null);
  }

  deliveries(id: string): Observable<WebhookDelivery[]> {
    return this.http.get<WebhookDelivery[]>(`${this.webhookUrl(id)}/deliveries`);
  }

  pushKey(): Observable<ApiSchema<'PushKey'>> {
    return this.http.get<ApiSchema<'PushKey'>>('/api/notifications/push/key');
  }

  subscribe(subscription: NewPushSubscription): Observable<PushSubscriptionInfo> {
    return this.http.post<PushSubscriptionInfo>('/api/notifications/push/subscriptions', subscription);
  }

  subscriptions(): Observable<PushSubscriptionInfo[]> {
    return this.http.get<PushSubscriptionInfo[]>('/api/notifications/push/subscriptions');
  }

  unsubscribe(id: string): Observable<void> {
    return this.http.delete<void>(`/api/notifications/push/subscriptions/${encodeURIComponent(id)}`);
  }

  private webhookUrl(id: string): string {
    return `/api/notifications/webhooks/${encodeURIComponent(id)}`;
  }
}
