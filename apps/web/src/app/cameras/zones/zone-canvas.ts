import { ChangeDetectionStrategy, Component, ElementRef, computed, input, output, signal, viewChild } from '@angular/core';
import { ZoneDraft, ZonePoint, clamp01, toZones } from './zone-model';
import { ZonesOverlay } from './zones-overlay';

/** A point of the selected zone dragged to a place. */
export interface PointMove {
  index: number;
  point: ZonePoint;
}

/** A point of the selected zone moved by the keyboard, by fractions of the picture (the owner clamps). */
export interface PointNudge {
  index: number;
  dx: number;
  dy: number;
}

const STEP = 0.01;
const BIG_STEP = 0.05;

/**
 * The picture the zones are drawn on: every zone and mask over a still of the camera, and the
 * corners of the selected zone as buttons. Clicking (or tapping) the picture adds a corner;
 * a corner is dragged with the pointer, or focused and moved with the arrow keys (Shift: 5 %);
 * Delete or Backspace removes it.
 */
@Component({
  selector: 'app-zone-canvas',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ZonesOverlay],
  template: `
    <div
      #surface
      class="relative w-full cursor-crosshair touch-none select-none overflow-hidden bg-neutral-800"
      [style.aspect-ratio]="ratio()"
      data-testid="zone-surface"
      (pointerdown)="add($event)"
    >
      @if (still(); as src) {
        <img class="pointer-events-none absolute inset-0 block h-full w-full" draggable="false" [src]="src" [alt]="stillLabel()" (load)="measure($event)" />
      } @else {
        <p class="pointer-events-none absolute inset-0 m-0 grid place-items-center p-4 text-center text-sm text-white/80">
          No picture of this camera yet: start it, or wait for its first alert. Zones can be drawn all the same.
        </p>
      }
      <app-zones-overlay [zones]="shapes()" />
      @if (selectedZone(); as zone) {
        @for (point of zone.points; track $index) {
          <button
            type="button"
            class="absolute grid h-7 w-7 -translate-x-1/2 -translate-y-1/2 cursor-grab place-items-center rounded-full border-0 bg-transparent p-0 focus-visible:outline focus-visible:outline-2 focus-visible:outline-white"
            [style.left.%]="point[0] * 100"
            [style.top.%]="point[1] * 100"
            [attr.aria-label]="pointLabel(zone, $index)"
            data-testid="zone-point"
            (pointerdown)="grab($event, $index)"
            (pointermove)="drag($event, $index)"
            (pointerup)="release($event)"
            (pointercancel)="release($event)"
            (keydown)="key($event, $index)"
          >
            <span class="block h-3.5 w-3.5 rounded-full border-2 border-white" [class]="zone.kind === 'mask' ? 'bg-red-600' : 'bg-green-600'"></span>
          </button>
        }
      }
    </div>
  `,
})
export class ZoneCanvas {
  readonly still = input<string | null>(null);
  readonly zones = input.required<readonly ZoneDraft[]>();
  readonly selected = input<number | null>(null);
  readonly cameraName = input('the camera');

  readonly pointAdded = output<ZonePoint>();
  readonly pointMoved = output<PointMove>();
  /** Relative, so that key presses faster than the next render all count. */
  readonly pointNudged = output<PointNudge>();
  readonly pointRemoved = output<number>();

  private readonly surface = viewChild.required<ElementRef<HTMLElement>>('surface');
  /** The picture's own aspect ratio once loaded (zones are fractions of it); 16:9 before. */
  protected readonly ratio = signal('16 / 9');
  private dragging: number | null = null;

  protected readonly shapes = computed(() => toZones(this.zones()));
  protected readonly selectedZone = computed(() => {
    const i = this.selected();
    return i === null ? null : (this.zones()[i] ?? null);
  });
  protected readonly stillLabel = computed(() => `Still picture of ${this.cameraName()}`);

  protected measure(event: Event): void {
    const img = event.target as HTMLImageElement;
    if (img.naturalWidth > 0 && img.naturalHeight > 0) this.ratio.set(`${img.naturalWidth} / ${img.naturalHeight}`);
  }

  protected pointLabel(zone: ZoneDraft, index: number): string {
    const [x, y] = zone.points[index];
    return `Corner ${index + 1} of ${zone.name || 'the zone'}, at ${Math.round(x * 100)} %, ${Math.round(y * 100)} %. Arrow keys move it, Delete removes it.`;
  }

  protected add(event: PointerEvent): void {
    if (this.selected() === null || event.button > 0) return;
    this.pointAdded.emit(this.at(event));
  }

  protected grab(event: PointerEvent, index: number): void {
    event.stopPropagation();
    event.preventDefault();
    this.dragging = index;
    (event.currentTarget as HTMLElement).focus();
    const target = event.currentTarget as HTMLElement & { setPointerCapture?: (id: number) => void };
    if (event.pointerId !== undefined) target.setPointerCapture?.(event.pointerId);
  }

  protected drag(event: PointerEvent, index: number): void {
    if (this.dragging !== index) return;
    this.pointMoved.emit({ index, point: this.at(event) });
  }

  protected release(event: PointerEvent): void {
    this.dragging = null;
    const target = event.currentTarget as HTMLElement & { releasePointerCapture?: (id: number) => void };
    if (event.pointerId !== undefined) target.releasePointerCapture?.(event.pointerId);
  }

  protected key(event: KeyboardEvent, index: number): void {
    const zone = this.selectedZone();
    if (!zone) return;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      this.pointRemoved.emit(index);
      return;
    }
    const step = event.shiftKey ? BIG_STEP : STEP;
    const delta: Record<string, ZonePoint> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = delta[event.key];
    if (!move) return;
    event.preventDefault();
    this.pointNudged.emit({ index, dx: move[0], dy: move[1] });
  }

  /** The pointer's place as fractions of the picture. */
  private at(event: PointerEvent): ZonePoint {
    const box = this.surface().nativeElement.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return [0.5, 0.5];
    return [clamp01((event.clientX - box.left) / box.width), clamp01((event.clientY - box.top) / box.height)];
  }
}
