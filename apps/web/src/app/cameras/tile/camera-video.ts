import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { LiveVideoComponent } from '../../live/live-video.component';
import { LiveCamera } from '../camera-store';

/**
 * The tile's video area. While the stream runs, the live view plays it with the face boxes and
 * draws the camera's name and its measured processing FPS over the picture itself; otherwise the area names the
 * camera and says why there is no picture.
 */
@Component({
  selector: 'app-camera-video',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, LiveVideoComponent],
  template: `
    @if (streaming()) {
      <argus-live-video [cameraId]="camera().id" [cameraName]="camera().name" [measuredFps]="camera().measuredFps" />
    } @else {
      <div class="relative aspect-video overflow-hidden bg-black text-white">
        <div class="grid h-full place-items-center text-center text-sm text-white/80" role="img" [attr.aria-label]="idleLabel()">
          <span class="flex flex-col items-center gap-1 p-4">
            <mat-icon aria-hidden="true">{{ camera().status === 'error' ? 'videocam_alert' : 'videocam_off' }}</mat-icon>
            {{ camera().status === 'error' ? 'Stream error' : 'Stopped' }}
          </span>
        </div>
        <div
          class="pointer-events-none absolute inset-x-0 top-0 truncate bg-gradient-to-b from-black/70 to-transparent px-3 py-2 text-sm font-medium"
          aria-hidden="true"
          data-testid="video-overlay"
        >
          {{ camera().name }}
        </div>
      </div>
    }
  `,
})
export class CameraVideo {
  readonly camera = input.required<LiveCamera>();

  protected readonly streaming = computed(() => ['starting', 'running'].includes(this.camera().status));
  protected readonly idleLabel = computed(() =>
    this.camera().status === 'error' ? `${this.camera().name}: the stream failed` : `${this.camera().name} is stopped`,
  );
}
