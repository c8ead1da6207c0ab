import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, signal } from '@angular/core';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Alert } from './alert';
import { AlertApi } from './alert-api';

/**
 * Plays an alert's clip (the MP4 from before the alert to after the event) from its `clipUrl`, a
 * link signed for the signed-in user that a <video> loads without headers. Signed links expire: a
 * clip that no longer loads is renewed once through `GET /api/alerts/:id`.
 */
@Component({
  selector: 'app-alert-clip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatProgressSpinnerModule],
  template: `
    @if (url(); as url) {
      <video
        class="block max-h-[70vh] w-full bg-black"
        controls
        autoplay
        muted
        playsinline
        preload="auto"
        data-testid="alert-clip"
        [src]="url"
        [attr.aria-label]="'Clip of ' + cameraName() + ' at ' + (alert().timestamp | date: 'medium')"
        (error)="renew()"
      ></video>
    } @else if (renewing()) {
      <mat-spinner diameter="32" aria-label="Loading the clip" />
    } @else {
      <p role="status">{{ alert().clipUrl ? 'The clip could not be loaded.' : 'No clip is stored for this alert yet.' }}</p>
    }
  `,
})
export class AlertClip {
  private readonly api = inject(AlertApi);
  readonly alert = input.required<Alert>();
  readonly cameraName = input('');

  /** Follows the alert (an `alert_updated` brings a new link), or the renewed link. */
  protected readonly url = linkedSignal(() => this.alert().clipUrl ?? null);
  protected readonly renewing = signal(false);
  private renewed = false;

  protected renew(): void {
    this.url.set(null);
    if (this.renewed) return;
    this.renewed = true;
    this.renewing.set(true);
    this.api.get(this.alert().alertId).subscribe({
      next: (fresh) => {
        this.renewing.set(false);
        this.url.set(fresh.clipUrl ?? null);
      },
      error: () => this.renewing.set(false),
    });
  }
}
