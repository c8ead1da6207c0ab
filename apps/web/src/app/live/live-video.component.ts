import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  InjectionToken,
  Injector,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
  type AfterViewInit,
} from '@angular/core';
import { TokenStore } from '../auth/token-store';
import { DetectionsFeed, type DetectionsSource } from './detections-feed';
import { OverlayRenderer } from './overlay-renderer';
import { LiveViewError, WhepPlayer, type PlayerState } from './whep-player';

/** The detections live views draw; by default one socket.io connection shared by all tiles. */
export const LIVE_DETECTIONS = new InjectionToken<DetectionsSource>('LIVE_DETECTIONS', {
  providedIn: 'root',
  factory: () => {
    const tokens = inject(TokenStore);
    return new DetectionsFeed({ token: () => tokens.valid() });
  },
});

const MAX_RETRY_MS = 10_000;

/**
 * A camera's live video (WHEP) with its face boxes drawn on the matching pictures, the camera's
 * name and its measured processing FPS (from `camera_state`). Reconnects by itself while the camera starts or the network
 * drops.
 */
@Component({
  // eslint-disable-next-line @angular-eslint/component-selector -- the element name the console's tiles use (issue 6)
  selector: 'argus-live-video',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'block' },
  template: `
    <figure class="relative m-0 aspect-video overflow-hidden bg-black" role="group" [attr.aria-label]="'Live video of ' + cameraName()">
      <video #video class="block h-full w-full object-contain" muted autoplay playsinline disablepictureinpicture></video>
      <canvas #overlay class="pointer-events-none absolute inset-0 h-full w-full" aria-hidden="true"></canvas>
      <figcaption
        class="absolute inset-0 grid place-items-center p-4 text-center text-sm text-white/80"
        [class.hidden]="!message()"
        aria-live="polite"
      >
        {{ message() }}
      </figcaption>
    </figure>
  `,
})
export class LiveVideoComponent implements AfterViewInit {
  readonly cameraId = input.required<string>();
  readonly cameraName = input.required<string>();
  /** The camera's measured processing FPS (`camera_state`), drawn beside the name; null until reported. */
  readonly measuredFps = input<number | null>(null);
  /** Hold pictures back until their detections arrived, so boxes sit on the faces (adds that delay). */
  readonly alignBoxes = input(true);

  protected readonly message = signal<string | null>('Connecting…');
  private readonly video = viewChild.required<ElementRef<HTMLVideoElement>>('video');
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('overlay');
  private readonly tokens = inject(TokenStore);
  private readonly detections = inject(LIVE_DETECTIONS);
  private readonly injector = inject(Injector);

  ngAfterViewInit(): void {
    // One session per camera: a new cameraId (or name) tears the old one down first.
    effect(
      (onCleanup) => {
        const cameraId = this.cameraId();
        const label = this.cameraName();
        onCleanup(untracked(() => this.watch(cameraId, label)));
      },
      { injector: this.injector },
    );
  }

  private watch(cameraId: string, label: string): () => void {
    let stopped = false;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const overlay = new OverlayRenderer(this.video().nativeElement, this.canvas().nativeElement, {
      label,
      measuredFps: () => this.measuredFps(),
      onSyncDelay: (ms) => this.alignBoxes() && player.setPlayoutDelay(ms),
    });
    const again = (ms: number) => {
      clearTimeout(retry);
      if (!stopped) retry = setTimeout(connect, ms);
    };
    const player = new WhepPlayer(this.video().nativeElement, {
      token: () => this.tokens.valid(),
      onState: (state, error) => {
        this.message.set(describe(state, error));
        // A connection that dies after playing is rebuilt, with a growing pause.
        if (state === 'failed' && !(error instanceof LiveViewError)) again(Math.min(MAX_RETRY_MS, 1000 * 2 ** attempt++));
      },
    });
    const connect = () => {
      player.play(cameraId).then(
        () => {
          attempt = 0;
          overlay.start();
        },
        (error: unknown) => {
          if (error instanceof LiveViewError && error.retryable) again(error.status === 409 ? 2000 : Math.min(MAX_RETRY_MS, 1000 * 2 ** attempt++));
        },
      );
    };
    const unwatch = this.detections.watch(cameraId, (event) => overlay.addDetections(event));
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      unwatch();
      overlay.stop();
      void player.stop();
    };
  }
}

function describe(state: PlayerState, error?: Error): string | null {
  if (state === 'playing' || state === 'closed') return null;
  if (state === 'connecting' || state === 'idle') return 'Connecting…';
  if (error instanceof LiveViewError) {
    if (error.status === 409) return 'Waiting for the camera’s stream…';
    if (error.status === 404) return 'This camera is not available to you.';
    if (error.status === 401) return 'Sign in again to watch.';
    if (error.status === 503) return 'Too many viewers right now; retrying…';
    return `Live view failed: ${error.message}`;
  }
  return 'Connection lost; reconnecting…';
}
