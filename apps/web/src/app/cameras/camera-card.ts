import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { Camera } from './camera';
import { CameraStatusChip } from './camera-status-chip';

/** One dashboard tile. The video area is a placeholder until live view lands. */
@Component({
  selector: 'app-camera-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCardModule, MatIconModule, CameraStatusChip],
  template: `
    <mat-card appearance="outlined" class="h-full overflow-hidden">
      <div
        class="grid aspect-video place-items-center bg-[var(--mat-sys-surface-container-high)] text-[var(--mat-sys-on-surface-variant)]"
        role="img"
        [attr.aria-label]="'Live view of ' + camera().name + ' is not available yet'"
      >
        <mat-icon aria-hidden="true" class="scale-150">videocam</mat-icon>
      </div>
      <mat-card-header>
        <h2 matCardTitle>{{ camera().name }}</h2>
        <p matCardSubtitle class="m-0">{{ camera().location || 'No location' }}</p>
      </mat-card-header>
      <mat-card-content>
        <div class="flex items-center justify-between gap-2 pt-2">
          <app-camera-status-chip [status]="camera().status" />
          <span class="text-sm text-[var(--mat-sys-on-surface-variant)]">{{ camera().fps }} fps</span>
        </div>
      </mat-card-content>
    </mat-card>
  `,
})
export class CameraCard {
  readonly camera = input.required<Camera>();
}
