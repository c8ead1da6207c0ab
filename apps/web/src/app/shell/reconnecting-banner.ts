import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RealtimeClient } from '../realtime/realtime-client';

/** Shown while the socket is down: live tiles and alerts are stale until it comes back. */
@Component({
  selector: 'app-reconnecting-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatProgressSpinnerModule],
  template: `
    <div role="status" aria-live="polite">
      @if (reconnecting()) {
        <div class="flex items-center gap-3 bg-[var(--mat-sys-error-container)] px-4 py-2 text-[var(--mat-sys-on-error-container)]">
          <mat-spinner diameter="18" aria-hidden="true" />
          <span>Reconnecting… Live updates are paused; missed alerts will be fetched.</span>
        </div>
      }
    </div>
  `,
})
export class ReconnectingBanner {
  private readonly state = inject(RealtimeClient).state;
  protected readonly reconnecting = computed(() => this.state() === 'reconnecting');
}
