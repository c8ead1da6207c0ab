import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { filter } from 'rxjs';
import { RealtimeClient } from '../realtime/realtime-client';
import { Alert, objectName } from './alert';
import { AlertClip } from './alert-clip';
import { AlertApi } from './alert-api';
import { AlertIdentityLabel } from './alert-identity';

export interface SnapshotData {
  alert: Alert;
  cameraName: string;
}

/**
 * An alert's JPEG snapshot, and its clip once one is stored (`clipUrl`, which may arrive while the
 * dialog is open, with `alert_updated`). Snapshot links are signed and expire, so a link that no
 * longer loads is renewed once through `GET /api/alerts/:id` before giving up.
 */
@Component({
  selector: 'app-snapshot-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AlertClip, DatePipe, DecimalPipe, MatButtonModule, MatDialogModule, MatProgressSpinnerModule],
  template: `
    <h2 mat-dialog-title>{{ data.cameraName }}</h2>
    <mat-dialog-content>
      <p class="m-0 mb-2">
        @if (objectName(alert()); as what) {
          <strong>{{ what }}</strong> ·
          {{ alert().timestamp | date: 'medium' }}
        } @else {
          @if (identity.of(alert()); as who) {
            <strong>{{ who }}</strong> ·
          }
          {{ alert().timestamp | date: 'medium' }} ·
          {{ faces() }} {{ faces() === 1 ? 'face' : 'faces' }}
        }
        @if (alert().meta.score; as score) {
          · score {{ score | number: '1.2-2' }}
        }
      </p>
      @if (alert().clipUrl) {
        <button mat-stroked-button type="button" class="mb-2" (click)="showClip.set(!showClip())">
          {{ showClip() ? 'Show snapshot' : 'Play clip' }}
        </button>
      }
      @if (showClip() && alert().clipUrl) {
        <app-alert-clip [alert]="alert()" [cameraName]="data.cameraName" />
      } @else if (url(); as url) {
        <img
          class="block h-auto max-h-[70vh] w-full object-contain"
          [src]="url"
          [alt]="'Snapshot of ' + data.cameraName + ' at ' + (alert().timestamp | date: 'medium')"
          (error)="renew()"
        />
      } @else if (renewing()) {
        <mat-spinner diameter="32" aria-label="Loading the snapshot" />
      } @else {
        <p role="status">{{ alert().snapshotUrl ? 'The snapshot could not be loaded.' : 'No snapshot was stored for this alert.' }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
})
export class SnapshotDialog {
  private readonly api = inject(AlertApi);
  protected readonly data = inject<SnapshotData>(MAT_DIALOG_DATA);
  protected readonly identity = inject(AlertIdentityLabel);
  protected readonly objectName = objectName;

  protected readonly alert = signal(this.data.alert);
  protected readonly url = signal(this.data.alert.snapshotUrl ?? null);
  protected readonly renewing = signal(false);
  /** The clip is shown instead of the snapshot: at once when the alert has one. */
  protected readonly showClip = signal(!!this.data.alert.clipUrl);
  private renewed = false;

  constructor() {
    // A clip stored (or an identity corrected) while the dialog is open.
    inject(RealtimeClient)
      .alertUpdates.pipe(
        filter((updated) => updated.alertId === this.alert().alertId),
        takeUntilDestroyed(),
      )
      .subscribe((updated) => this.alert.set(updated));
  }

  protected faces(): number {
    return typeof this.alert().meta.faces === 'number' ? (this.alert().meta.faces as number) : 1;
  }

  protected renew(): void {
    this.url.set(null);
    if (this.renewed) return;
    this.renewed = true;
    this.renewing.set(true);
    this.api.get(this.alert().alertId).subscribe({
      next: (fresh) => {
        this.renewing.set(false);
        this.alert.set(fresh);
        this.url.set(fresh.snapshotUrl ?? null);
      },
      error: () => this.renewing.set(false),
    });
  }
}
