import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, LOCALE_ID, computed, effect, inject, input, untracked } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { Alert, objectName } from '../../alerts/alert';
import { AlertFeed } from '../../alerts/alert-feed';
import { AlertIdentityLabel } from '../../alerts/alert-identity';
import { SnapshotViewer } from '../../alerts/snapshot-viewer';
import { Camera } from '../camera';

/** A camera's latest alerts, newest first and live, with who (or what object) was seen; each opens its snapshot. */
@Component({
  selector: 'app-camera-alert-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    <h3 class="m-0 mb-1 [font:var(--mat-sys-title-small)]">Recent alerts</h3>
    @if (alerts().length) {
      <ul class="m-0 flex list-none flex-col p-0" [attr.aria-label]="'Recent alerts of ' + camera().name">
        @for (alert of alerts(); track alert.alertId) {
          <li>
            <button
              type="button"
              class="flex w-full cursor-pointer items-center gap-2 rounded border-0 bg-transparent px-1 py-1 text-start text-inherit hover:bg-[var(--mat-sys-surface-container-high)] focus-visible:outline-2"
              [attr.aria-label]="label(alert)"
              (click)="open(alert)"
            >
              <mat-icon aria-hidden="true" class="text-[var(--mat-sys-primary)]">{{ alert.kind === 'object' ? 'category' : 'face' }}</mat-icon>
              <span class="min-w-0 flex-1 truncate">{{ summary(alert) }}</span>
              <time class="text-sm tabular-nums text-[var(--mat-sys-on-surface-variant)]" [attr.datetime]="alert.timestamp">
                {{ when(alert) }}
              </time>
            </button>
          </li>
        }
      </ul>
    } @else {
      <p class="m-0 text-sm text-[var(--mat-sys-on-surface-variant)]">No alerts yet.</p>
    }
  `,
})
export class CameraAlertList {
  private readonly feed = inject(AlertFeed);
  private readonly snapshots = inject(SnapshotViewer);
  private readonly identity = inject(AlertIdentityLabel);
  private readonly date = new DatePipe(inject(LOCALE_ID));

  readonly camera = input.required<Camera>();

  protected readonly alerts = computed(() => this.feed.recent(this.camera().id));

  constructor() {
    effect(() => {
      const id = this.camera().id;
      untracked(() => this.feed.load(id));
    });
  }

  /** "Eileen · 1 face", "Unknown #3 · 2 faces", only the faces when recognition named no one, or the object ("Car"). */
  protected summary(alert: Alert): string {
    const what = objectName(alert);
    if (what) return what;
    const faces = typeof alert.meta.faces === 'number' ? alert.meta.faces : 1;
    const count = faces === 1 ? '1 face' : `${faces} faces`;
    const who = this.identity.of(alert);
    return who ? `${who} · ${count}` : count;
  }

  /** The time of today's alerts; older ones carry their date too. */
  protected when(alert: Alert): string {
    const today = new Date().toDateString() === new Date(alert.timestamp).toDateString();
    return this.date.transform(alert.timestamp, today ? 'mediumTime' : 'MMM d, h:mm a') ?? '';
  }

  protected label(alert: Alert): string {
    return `${this.summary(alert)} at ${this.when(alert)}, open snapshot`;
  }

  protected open(alert: Alert): void {
    void this.snapshots.open(alert, this.camera().name);
  }
}
