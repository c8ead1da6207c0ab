import type { PushMessage, PushResult, PushSender, PushSubscription } from '@argus/domain';
import webpush from 'web-push';
import { postOnce } from './http-post';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export interface WebPushSenderOptions {
  vapid: VapidKeys;
  /** `mailto:` or `https:` contact the push services may use. */
  subject: string;
  timeoutMs: number;
  allowPrivate: boolean;
  /** How long a push service keeps an undelivered notification. */
  ttlSeconds?: number;
}

/** A new VAPID key pair (base64url), made once per installation. */
export function generateVapidKeys(): VapidKeys {
  return webpush.generateVAPIDKeys();
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291): web-push
 * builds the encrypted request, Argus posts it with its own time-out and address policy. A push
 * service answering 404 or 410 no longer knows the subscription.
 */
export class WebPushSender implements PushSender {
  constructor(private readonly options: WebPushSenderOptions) {}

  async send(subscription: PushSubscription, message: PushMessage): Promise<PushResult> {
    let details: ReturnType<typeof webpush.generateRequestDetails>;
    try {
      details = webpush.generateRequestDetails({ endpoint: subscription.endpoint, keys: subscription.keys }, JSON.stringify(message), {
        vapidDetails: { subject: this.options.subject, publicKey: this.options.vapid.publicKey, privateKey: this.options.vapid.privateKey },
        TTL: this.options.ttlSeconds ?? 3600,
        urgency: 'high',
        contentEncoding: 'aes128gcm',
      });
    } catch (e) {
      return { outcome: 'failed', error: `cannot encrypt for this subscription: ${(e as Error).message}` };
    }
    const result = await postOnce(details.endpoint, {
      headers: details.headers as Record<string, string>,
      body: details.body as Buffer,
      timeoutMs: this.options.timeoutMs,
      allowPrivate: this.options.allowPrivate,
    });
    if (result.status === 404 || result.status === 410) return { outcome: 'gone' };
    if (result.status !== null && result.status >= 200 && result.status < 300) return { outcome: 'sent' };
    return { outcome: 'failed', error: result.error ?? `HTTP ${result.status}` };
  }
}
