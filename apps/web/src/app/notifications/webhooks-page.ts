import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { filter, switchMap } from 'rxjs';
import { apiErrorMessages } from '../shared/api-error';
import { ConfirmData, ConfirmDialog } from '../shared/confirm-dialog';
import { Notifier } from '../shared/notifier';
import { FilterFields, filtersForm, filtersOf } from './filter-fields';
import { NotificationApi, Webhook, WebhookDelivery } from './notification-api';

/** The signed-in user's webhooks: add one with filters, test it, read its delivery log, delete it. */
@Component({
  selector: 'app-webhooks-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, FilterFields],
  templateUrl: './webhooks-page.html',
})
export class WebhooksPage {
  private readonly api = inject(NotificationApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  protected readonly webhooks = signal<Webhook[] | null>(null);
  protected readonly failed = signal(false);
  protected readonly adding = signal(false);
  protected readonly saving = signal(false);
  protected readonly formErrors = signal<string[]>([]);
  /** Delivery logs opened, by webhook id. */
  protected readonly logs = signal<Record<string, WebhookDelivery[] | 'loading' | 'failed'>>({});

  protected readonly form = new FormGroup({
    url: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(2048), Validators.pattern(/^https?:\/\/\S+$/i)] }),
    secret: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(256)] }),
  });
  protected readonly filters = filtersForm();

  constructor() {
    this.load();
  }

  protected load(): void {
    this.failed.set(false);
    this.api.webhooks().subscribe({
      next: (list) => this.webhooks.set(list),
      error: () => this.failed.set(true),
    });
  }

  protected startAdding(): void {
    this.form.reset();
    this.filters.reset();
    this.formErrors.set([]);
    this.adding.set(true);
  }

  protected add(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { url, secret } = this.form.getRawValue();
    this.saving.set(true);
    this.formErrors.set([]);
    this.api.createWebhook({ url: url.trim(), ...(secret ? { secret } : {}), ...filtersOf(this.filters) }).subscribe({
      next: (webhook) => {
        this.saving.set(false);
        this.adding.set(false);
        this.webhooks.update((list) => [...(list ?? []), webhook]);
        this.notifier.info('Webhook added');
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.formErrors.set(apiErrorMessages(error));
      },
    });
  }

  protected test(webhook: Webhook): void {
    this.api.testWebhook(webhook.id).subscribe({
      next: () => {
        this.notifier.info('Test delivery sent; its result shows in the log');
        // The result is in the log within the receiver's time-out (5 s).
        setTimeout(() => this.openLog(webhook, true), 1500);
      },
      error: (error: unknown) => this.notifier.error('Could not send a test delivery', error),
    });
  }

  protected toggleLog(webhook: Webhook): void {
    if (this.logs()[webhook.id]) {
      this.logs.update(({ [webhook.id]: _closed, ...rest }) => rest);
      return;
    }
    this.openLog(webhook, false);
  }

  protected logOf(webhook: Webhook): WebhookDelivery[] | 'loading' | 'failed' | undefined {
    return this.logs()[webhook.id];
  }

  protected entries(log: WebhookDelivery[] | 'loading' | 'failed' | undefined): WebhookDelivery[] {
    return Array.isArray(log) ? log : [];
  }

  protected describe(webhook: Webhook): string {
    const parts: string[] = [];
    parts.push(webhook.cameraIds.length ? `${webhook.cameraIds.length} camera(s)` : 'every camera');
    if (webhook.personIds.length) parts.push(`${webhook.personIds.length} person(s)`);
    if (webhook.unknownOnly) parts.push('strangers');
    if (webhook.kinds.length) parts.push(webhook.kinds.join(' and '));
    if (webhook.hasSecret) parts.push('signed');
    return parts.join(' · ');
  }

  protected remove(webhook: Webhook): void {
    this.dialog
      .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, {
        data: { title: 'Delete this webhook?', message: `${webhook.url} will receive no more alerts; its delivery log goes too.`, confirm: 'Delete' },
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => this.api.removeWebhook(webhook.id)),
      )
      .subscribe({
        next: () => {
          this.webhooks.update((list) => (list ?? []).filter((w) => w.id !== webhook.id));
          this.notifier.info('Webhook deleted');
        },
        error: (error: unknown) => this.notifier.error('Could not delete the webhook', error),
      });
  }

  private openLog(webhook: Webhook, force: boolean): void {
    if (!force) this.logs.update((logs) => ({ ...logs, [webhook.id]: 'loading' }));
    this.api.deliveries(webhook.id).subscribe({
      next: (entries) => this.logs.update((logs) => ({ ...logs, [webhook.id]: entries })),
      error: () => this.logs.update((logs) => ({ ...logs, [webhook.id]: 'failed' })),
    });
  }
}
