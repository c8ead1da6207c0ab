import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import { CurrentUser } from '../../auth/current-user';
import { CameraActions } from '../camera-actions';
import { CameraStatusChip } from '../camera-status-chip';
import { LiveCamera } from '../camera-store';
import { CameraAlertList } from './camera-alert-list';
import { CameraControls } from './camera-controls';
import { CameraVideo } from './camera-video';

/** One dashboard tile: a region named after the camera, with its video, state, controls and alerts. */
@Component({
  selector: 'app-camera-tile',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatButtonModule, MatCardModule, MatIconModule, MatMenuModule, RouterLink, CameraAlertList, CameraControls, CameraStatusChip, CameraVideo],
  template: `
    <section class="h-full" [attr.aria-label]="camera().name">
      <mat-card appearance="outlined" class="h-full overflow-hidden">
        <app-camera-video [camera]="camera()" [showZones]="showZones() && hasZones()" />
        <div class="flex flex-col gap-3 p-4">
          <div class="flex items-start gap-2">
            <div class="min-w-0 flex-1">
              <h2 class="m-0 truncate [font:var(--mat-sys-title-medium)]">{{ camera().name }}</h2>
              <p class="m-0 truncate text-sm text-[var(--mat-sys-on-surface-variant)]">{{ camera().location || 'No location' }}</p>
            </div>
            @if (manageable()) {
              <button mat-icon-button type="button" [matMenuTriggerFor]="menu" [attr.aria-label]="'More actions for ' + camera().name">
                <mat-icon aria-hidden="true">more_vert</mat-icon>
              </button>
              <mat-menu #menu="matMenu">
                <button mat-menu-item type="button" (click)="actions.edit(camera())">
                  <mat-icon aria-hidden="true">edit</mat-icon>
                  Edit
                </button>
                <button mat-menu-item type="button" (click)="editZones()">
                  <mat-icon aria-hidden="true">pentagon</mat-icon>
                  Zones and masks
                </button>
                <button mat-menu-item type="button" (click)="actions.editViewers(camera())">
                  <mat-icon aria-hidden="true">group</mat-icon>
                  Viewers
                </button>
                <button mat-menu-item type="button" (click)="actions.remove(camera())">
                  <mat-icon aria-hidden="true">delete</mat-icon>
                  Delete
                </button>
              </mat-menu>
            }
          </div>
          <div class="flex flex-wrap items-center gap-2">
            <app-camera-status-chip [status]="camera().status" />
            <a mat-icon-button [routerLink]="['/cameras', camera().id, 'recordings']" [attr.aria-label]="'Recordings of ' + camera().name">
              <mat-icon aria-hidden="true">video_library</mat-icon>
            </a>
            @if (hasZones()) {
              <button
                mat-icon-button
                type="button"
                [attr.aria-pressed]="showZones()"
                [attr.aria-label]="(showZones() ? 'Hide zones of ' : 'Show zones of ') + camera().name"
                (click)="showZones.set(!showZones())"
              >
                <mat-icon aria-hidden="true">{{ showZones() ? 'layers_clear' : 'layers' }}</mat-icon>
              </button>
            }
            @if (!camera().enabled) {
              <span class="text-sm text-[var(--mat-sys-on-surface-variant)]">Disabled</span>
            }
            @if (camera().measuredFps !== null) {
              <!-- The server's measured processing rate, also drawn over the video; repeated here for screen readers. -->
              <span class="ms-auto text-sm tabular-nums text-[var(--mat-sys-on-surface-variant)]" data-testid="processing-fps">
                Processing {{ camera().measuredFps | number: '1.1-1' }} fps
              </span>
            }
          </div>
          @if (camera().status === 'error') {
            <p class="m-0 text-sm text-[var(--mat-sys-error)]" data-testid="error-reason">
              {{ camera().error || 'The stream failed for an unknown reason.' }}
            </p>
          }
          @if (manageable()) {
            <app-camera-controls [camera]="camera()" />
          }
          <app-camera-alert-list [camera]="camera()" />
        </div>
      </mat-card>
    </section>
  `,
})
export class CameraTile {
  private readonly user = inject(CurrentUser);
  protected readonly actions = inject(CameraActions);

  readonly camera = input.required<LiveCamera>();

  protected readonly manageable = computed(() => this.user.canManage(this.camera()));
  protected readonly hasZones = computed(() => (this.camera().zones ?? []).length > 0);
  /** The camera's masks and zones drawn over the picture, on demand. */
  protected readonly showZones = signal(false);
  private readonly video = viewChild(CameraVideo);

  /** The editor draws over what the live video shows now, or else over the latest alert's snapshot. */
  protected editZones(): void {
    this.actions.editZones(this.camera(), this.video()?.still() ?? null);
  }
}
