import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { apiErrorMessage } from '../shared/api-error';
import { DevicePush } from './device-push';
import { FilterFields, filtersForm, filtersOf } from './filter-fields';

/** "Notify me on this device": which alerts this browser shows as notifications, or stop them. */
@Component({
  selector: 'app-notify-device-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, FilterFields],
  template: `
    <h2 mat-dialog-title>Notify me on this device</h2>
    <mat-dialog-content>
      @switch (push.state()) {
        @case ('unsupported') {
          <p>This browser cannot receive push notifications (on iPhone and iPad, add Argus to the home screen first).</p>
        }
        @case ('denied') {
          <p>Notifications are blocked for this site. Allow them in the browser's site settings, then try again.</p>
        }
        @default {
          <p class="mt-0">
            Alerts show as notifications on this device, even when Argus is closed: the camera, who was seen and the snapshot.
            @if (push.state() === 'on') {
              This device is notified now; saving replaces its filters.
            }
          </p>
          <app-filter-fields [form]="form" />
        }
      }
      @if (error(); as error) {
        <p role="alert" class="text-[var(--mat-sys-error)]">{{ error }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (push.state() === 'on') {
        <button mat-button type="button" [disabled]="busy()" (click)="stop()">Stop notifying</button>
      }
      <button mat-button type="button" mat-dialog-close>Close</button>
      @if (push.state() === 'off' || push.state() === 'on') {
        <button mat-flat-button type="button" [disabled]="busy()" (click)="save()">{{ push.state() === 'on' ? 'Save' : 'Notify me' }}</button>
      }
    </mat-dialog-actions>
  `,
})
export class NotifyDeviceDialog {
  protected readonly push = inject(DevicePush);
  private readonly ref = inject(MatDialogRef<NotifyDeviceDialog, string>);
  protected readonly form = filtersForm();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    void this.push.refresh().then(async (state) => {
      if (state !== 'on') return;
      const filters = await this.push.currentFilters().catch(() => null);
      if (filters) this.form.patchValue({ cameraIds: filters.cameraIds ?? [], personIds: filters.personIds ?? [], unknownOnly: filters.unknownOnly ?? false, kinds: filters.kinds ?? [] });
    });
  }

  protected async save(): Promise<void> {
    await this.run(async () => {
      await this.push.enable(filtersOf(this.form));
      this.ref.close('This device will be notified of alerts');
    });
  }

  protected async stop(): Promise<void> {
    await this.run(async () => {
      await this.push.disable();
      this.ref.close('This device will no longer be notified');
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (e) {
      this.error.set(e instanceof Error ? e.message : apiErrorMessage(e));
    } finally {
      this.busy.set(false);
    }
  }
}
