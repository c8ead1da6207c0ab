import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatChipsModule } from '@angular/material/chips';
import { CameraStatus } from './camera';

/** The camera's pipeline state as a coloured chip; the word itself carries the meaning too. */
@Component({
  selector: 'app-camera-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatChipsModule],
  template: `
    <mat-chip-set [attr.aria-label]="'Status: ' + status()">
      <mat-chip [class]="'status-' + status()" [disableRipple]="true">{{ status() }}</mat-chip>
    </mat-chip-set>
  `,
  styleUrl: './camera-status-chip.scss',
})
export class CameraStatusChip {
  readonly status = input.required<CameraStatus>();
}
