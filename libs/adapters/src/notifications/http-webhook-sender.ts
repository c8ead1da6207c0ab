import { createHmac } from 'node:crypto';
import type { WebhookRequest, WebhookSendResult, WebhookSender } from '@argus/domain';
import { postOnce, type PostOptions } from './http-post';

export const SIGNATURE_HEADER = 'X-Argus-Signature';

/** `sha256=<hex HMAC-SHA256 of the body with the secret>`. */
export function webhookSignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface HttpWebhookSenderOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  userAgent?: string;
  /** Name resolution (the system's by default). */
  resolve?: PostOptions['resolve'];
}

/** Posts deliveries as JSON, signed when the webhook has a secret; only a 2xx answer counts as delivered. */
export class HttpWebhookSender implements WebhookSender {
  constructor(private readonly options: HttpWebhookSenderOptions) {}

  async send({ url, secret, body }: WebhookRequest): Promise<WebhookSendResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': this.options.userAgent ?? 'Argus' };
    if (secret !== null) headers[SIGNATURE_HEADER] = webhookSignature(body, secret);
    const result = await postOnce(url, { headers, body, timeoutMs: this.options.timeoutMs, allowPrivate: this.options.allowPrivate, resolve: this.options.resolve });
    const { status } = result;
    if (status === null) return { ok: false, status: null, error: result.error, durationMs: result.durationMs };
    if (status >= 200 && status < 300) return { ok: true, status, error: null, durationMs: result.durationMs };
    const location = result.headers.location;
    const error = status >= 300 && status < 400 ? `redirect${location ? ` to ${String(location).slice(0, 200)}` : ''} not followed` : `HTTP ${status}`;
    return { ok: false, status, error, durationMs: result.durationMs };
  }
}
