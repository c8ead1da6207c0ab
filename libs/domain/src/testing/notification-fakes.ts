// In-memory notification repositories and channels for the domain's unit tests.
import type { Alert } from '../alerts/alert';
import type { Camera } from '../cameras/camera';
import type { CameraStateEvent } from '../realtime/realtime-publisher';
import type { AlertBroadcaster, PushMessage, PushResult, PushSender, WebhookRequest, WebhookSendResult, WebhookSender } from '../notifications/notification-channels';
import type {
  PushSubscription,
  PushSubscriptionRepository,
  WebhookAttempt,
  WebhookDeliveryRepository,
  WebhookJob,
  WebhookRepository,
} from '../notifications/notification-repositories';
import type { Webhook } from '../notifications/webhook';

export class InMemoryWebhooks implements WebhookRepository {
  readonly rows: Webhook[] = [];
  async create(webhook: Webhook) {
    this.rows.push(webhook);
  }
  async findById(id: string) {
    return this.rows.find((w) => w.id === id) ?? null;
  }
  async listByOwner(ownerId: string) {
    return this.rows.filter((w) => w.ownerId === ownerId);
  }
  async listAll() {
    return [...this.rows];
  }
  async delete(id: string) {
    const i = this.rows.findIndex((w) => w.id === id);
    if (i >= 0) this.rows.splice(i, 1);
    return i >= 0;
  }
}

export class InMemoryDeliveries implements WebhookDeliveryRepository {
  readonly jobs: WebhookJob[] = [];
  readonly attempts: WebhookAttempt[] = [];
  async enqueue(jobs: WebhookJob[]) {
    this.jobs.push(...jobs.map((j) => ({ ...j })));
  }
  async claimDue(now: Date, claimUntil: Date, limit: number) {
    const due = this.jobs.filter((j) => j.nextAttemptAt <= now).sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime()).slice(0, limit);
    const out = due.map((j) => ({ ...j }));
    for (const j of due) j.nextAttemptAt = claimUntil;
    return out;
  }
  async nextDueAt() {
    return this.jobs.length ? new Date(Math.min(...this.jobs.map((j) => j.nextAttemptAt.getTime()))) : null;
  }
  async reschedule(jobId: string, attempts: number, nextAttemptAt: Date) {
    const job = this.jobs.find((j) => j.id === jobId);
    if (job) Object.assign(job, { attempts, nextAttemptAt });
  }
  async complete(jobId: string) {
    const i = this.jobs.findIndex((j) => j.id === jobId);
    if (i >= 0) this.jobs.splice(i, 1);
  }
  async recordAttempt(attempt: WebhookAttempt, keep: number) {
    this.attempts.push(attempt);
    const mine = this.attempts.filter((a) => a.webhookId === attempt.webhookId);
    for (const old of mine.slice(0, Math.max(0, mine.length - keep))) this.attempts.splice(this.attempts.indexOf(old), 1);
  }
  async listAttempts(webhookId: string, limit: number) {
    return this.attempts.filter((a) => a.webhookId === webhookId).reverse().slice(0, limit);
  }
  async deleteByWebhook(webhookId: string) {
    for (const list of [this.jobs, this.attempts] as Array<Array<{ webhookId: string }>>) {
      for (let i = list.length - 1; i >= 0; i--) if (list[i].webhookId === webhookId) list.splice(i, 1);
    }
  }
}

export class InMemoryPushSubscriptions implements PushSubscriptionRepository {
  readonly rows: PushSubscription[] = [];
  async save(s: PushSubscription) {
    for (let i = this.rows.length - 1; i >= 0; i--) if (this.rows[i].endpoint === s.endpoint || this.rows[i].id === s.id) this.rows.splice(i, 1);
    this.rows.push(s);
  }
  async findById(id: string) {
    return this.rows.find((s) => s.id === id) ?? null;
  }
  async listByUser(userId: string) {
    return this.rows.filter((s) => s.userId === userId);
  }
  async listAll() {
    return [...this.rows];
  }
  async delete(id: string) {
    const i = this.rows.findIndex((s) => s.id === id);
    if (i >= 0) this.rows.splice(i, 1);
    return i >= 0;
  }
}

/** Answers each send with the next scripted result (the last one repeats). */
export class ScriptedWebhookSender implements WebhookSender {
  readonly requests: WebhookRequest[] = [];
  constructor(private readonly results: WebhookSendResult[]) {}
  async send(request: WebhookRequest) {
    this.requests.push(request);
    return this.results[Math.min(this.requests.length - 1, this.results.length - 1)];
  }
}

export class RecordingPushSender implements PushSender {
  readonly sent: Array<{ subscription: PushSubscription; message: PushMessage }> = [];
  constructor(private readonly result: (s: PushSubscription) => PushResult = () => ({ outcome: 'sent' })) {}
  async send(subscription: PushSubscription, message: PushMessage) {
    this.sent.push({ subscription, message });
    return this.result(subscription);
  }
}

export class RecordingBroadcaster implements AlertBroadcaster {
  readonly events: Array<[string, string]> = [];
  alertRaised(alert: Alert, camera: Camera) {
    this.events.push(['alert', `${camera.id}/${alert.alertId}`]);
  }
  alertUpdated(alert: Alert, camera: Camera) {
    this.events.push(['updated', `${camera.id}/${alert.alertId}`]);
  }
  cameraState(event: CameraStateEvent) {
    this.events.push(['state', `${event.cameraId}/${event.status}`]);
  }
  cameraRemoved(cameraId: string) {
    this.events.push(['removed', cameraId]);
  }
}
