import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { LiveVideoComponent } from '../../live/live-video.component';
import { mainStreamUp } from '../camera';
import { LiveCamera } from '../camera-store';
import { containedRect } from '../zones/zone-model';
import { ZonesOverlay } from '../zones/zones-overlay';

/**
 * The tile's video area. While the stream runs, the live view plays it with the face boxes and
 * draws the camera's name and its measured processing FPS over the picture itself; otherwise the area names the
 * camera and says why there is no picture. On demand (`showZones`) the camera's masks and zones are
 * drawn over the picture.
 */
@Component({
  selector: 'app-camera-video',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, LiveVideoComponent, ZonesOverlay],
  template: `
    @if (streaming()) {
      <div class="relative">
        <argus-live-video [cameraId]="camera().id" [cameraName]="camera().name" [measuredFps]="camera().measuredFps" />
        @if (showZones()) {
          <!-- Over the picture itself: the video letterboxes a camera that is not 16:9. -->
          <div
            class="pointer-events-none absolute"
            data-testid="zones-picture"
            [style.left.%]="picture().left"
            [style.top.%]="picture().top"
            [style.width.%]="picture().width"
            [style.height.%]="picture().height"
          >
            <app-zones-overlay [zones]="camera().zones" />
          </div>
        }
      </div>
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
        @if (showZones()) {
          <app-zones-overlay [zones]="camera().zones" />
        }
      </div>
    }
  `,
})
export class CameraVideo {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly camera = input.required<LiveCamera>();
  readonly showZones = input(false);
  /** The live video's own size, once it is known. */
  private readonly videoSize = signal<{ width: number; height: number } | null>(null);
  protected readonly picture = computed(() => {
    const size = this.videoSize();
    return containedRect(size?.width ?? 0, size?.height ?? 0, 16 / 9);
  });

  /** Media events do not bubble; the host hears them in the capture phase (see the constructor). */
  protected measure(event: Event): void {
    const video = event.target as HTMLVideoElement;
    if (video instanceof HTMLVideoElement && video.videoWidth > 0) this.videoSize.set({ width: video.videoWidth, height: video.videoHeight });
  }

  constructor() {
    const host = this.host.nativeElement;
    for (const type of ['loadedmetadata', 'resize']) host.addEventListener(type, (event) => this.measure(event), { capture: true });
  }

  /** The picture the live video shows now, as a JPEG data URL; null without one. */
  still(): string | null {
    const video = this.host.nativeElement.querySelector('video');
    if (!video || video.readyState < 2 || video.videoWidth === 0) return null;
    try {
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d')?.drawImage(video, 0, 0);
      return canvas.toDataURL('image/jpeg', 0.85);
    } catch {
      return null;
    }
  }

  protected readonly streaming = computed(() => mainStreamUp(this.camera()));
  protected readonly idleLabel = computed(() =>
    this.camera().status === 'error' ? `${this.camera().name}: the stream failed` : `${this.camera().name} is stopped`,
  );
}
