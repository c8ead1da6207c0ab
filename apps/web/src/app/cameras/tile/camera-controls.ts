import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSliderModule } from '@angular/material/slider';
import { Observable } from 'rxjs';
import { Notifier } from '../../shared/notifier';
import { Camera } from '../camera';
import { CameraApi } from '../camera-api';
import { CameraStore } from '../camera-store';

/** Start/Stop, the face-detection switch and the FPS slider of one camera (owners and admins). */
@Component({
  selector: 'app-camera-controls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatSlideToggleModule, MatSliderModule],
  template: `
    <div class="flex flex-wrap items-center gap-x-4 gap-y-2">
      @if (streaming()) {
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="stop()">
          <mat-icon aria-hidden="true">stop</mat-icon>
          Stop
        </button>
      } @else {
        <button mat-flat-button type="button" [disabled]="busy() || !camera().enabled" (click)="start()">
          <mat-icon aria-hidden="true">play_arrow</mat-icon>
          Start
        </button>
      }
      <mat-slide-toggle [checked]="camera().detectionEnabled" [disabled]="busy()" (change)="setDetection($event)">
        Face detection
      </mat-slide-toggle>
    </div>
    @if (!camera().enabled) {
      <p class="m-0 mt-1 text-sm text-[var(--mat-sys-on-surface-variant)]">Disabled: enable it in Edit to start it.</p>
    }
    <div class="mt-2 flex items-center gap-2">
      <span class="text-sm" aria-hidden="true">FPS</span>
      <mat-slider class="flex-1" min="1" max="30" step="1" discrete [disabled]="busy()">
        <input matSliderThumb aria-label="FPS" [value]="fps()" (input)="fps.set(valueOf($event))" (change)="applyFps(valueOf($event))" />
      </mat-slider>
      <span class="w-6 text-end text-sm tabular-nums" aria-hidden="true">{{ fps() }}</span>
    </div>
  `,
})
export class CameraControls {
  private readonly api = inject(CameraApi);
  private readonly store = inject(CameraStore);
  private readonly notifier = inject(Notifier);

  readonly camera = input.required<Camera>();

  protected readonly busy = signal(false);
  protected readonly streaming = computed(() => ['starting', 'running'].includes(this.camera().status));
  /** Follows the camera's setting, and the thumb while it is dragged. */
  protected readonly fps = linkedSignal(() => this.camera().fps);

  protected start(): void {
    const name = this.camera().name;
    this.run(this.api.start(this.camera().id), `Could not start ${name}`, () => this.notifier.info(`Starting ${name}…`));
  }

  protected stop(): void {
    const name = this.camera().name;
    this.run(this.api.stop(this.camera().id), `Could not stop ${name}`, () => this.notifier.info(`Stopped ${name}`));
  }

  protected setDetection(change: MatSlideToggleChange): void {
    const camera = this.camera();
    // The switch flips itself at once; it is put back if the API refuses.
    this.run(this.api.setDetection(camera.id, change.checked), `Could not change face detection of ${camera.name}`, undefined, () => {
      change.source.checked = !change.checked;
    });
  }

  /** The slider's `change` fires on release, so one request per adjustment, not per pixel. */
  protected applyFps(fps: number): void {
    const camera = this.camera();
    if (fps === camera.fps) return;
    this.run(this.api.setFps(camera.id, fps), `Could not change the FPS of ${camera.name}`, undefined, () => this.fps.set(camera.fps));
  }

  protected valueOf(event: Event): number {
    return Number((event.target as HTMLInputElement).value);
  }

  private run(request: Observable<Camera>, failure: string, done?: () => void, undo?: () => void): void {
    this.busy.set(true);
    request.subscribe({
      next: (camera) => {
        this.busy.set(false);
        this.store.upsert(camera);
        done?.();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        undo?.();
        this.notifier.error(failure, error);
      },
    });
  }
}
