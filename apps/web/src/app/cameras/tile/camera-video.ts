import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { LiveCamera } from '../camera-store';

/**
 * The tile's video area with the camera name and measured FPS drawn over it. The live player
 * only runs while the camera's stream does; otherwise the area says why there is no picture.
 */
@Component({
  selector: 'app-camera-video',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatIconModule],
  template: `
    <div class="relative aspect-video overflow-hidden bg-black text-white">
      @if (streaming()) {
        <div
          class="grid h-full place-items-center text-center text-sm text-white/80"
          role="img"
          [attr.aria-label]="'Live view of ' + camera().name + ' is not available in this build'"
        >
          <span class="flex flex-col items-center gap-1 p-4">
            <mat-icon aria-hidden="true">videocam</mat-icon>
            Live view not available
          </span>
        </div>
      } @else {
        <div class="grid h-full place-items-center text-center text-sm text-white/80" role="img" [attr.aria-label]="idleLabel()">
          <span class="flex flex-col items-center gap-1 p-4">
            <mat-icon aria-hidden="true">{{ camera().status === 'error' ? 'videocam_alert' : 'videocam_off' }}</mat-icon>
            {{ camera().status === 'error' ? 'Stream error' : 'Stopped' }}
          </span>
        </div>
      }
      <div
        class="pointer-events-none absolute inset-x-0 top-0 flex items-center justify-between gap-2 bg-gradient-to-b from-black/70 to-transparent px-3 py-2 text-sm font-medium"
        data-testid="video-overlay"
      >
        <span class="truncate">{{ camera().name }}</span>
        <span class="shrink-0 tabular-nums">
          @if (camera().measuredFps !== null) {
            {{ camera().measuredFps | number: '1.1-1' }} fps
          } @else {
            – fps
          }
        </span>
      </div>
    </div>
  `,
})
export class CameraVideo {
  readonly camera = input.required<LiveCamera>();

  protected readonly streaming = computed(() => ['starting', 'running'].includes(this.camera().status));
  protected readonly idleLabel = computed(() =>
    this.camera().status === 'error' ? `${this.camera().name}: the stream failed` : `${this.camera().name} is stopped`,
  );
}
