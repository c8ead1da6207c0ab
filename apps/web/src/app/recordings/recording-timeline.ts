import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { Span, clockTime, fractionOf, momentAt } from './day-timeline';

/** An alert on the timeline. */
export interface TimelineAlert {
  alertId: string;
  at: number;
  /** What the alert saw, for the marker's tooltip. */
  label: string;
}

const STEP_MS = 10_000;
const BIG_STEP_MS = 60_000;
const PAGE_MS = 10 * 60_000;

/** Tick steps, finest first: the first that gives at most 8 ticks over the window is used. */
const TICK_STEPS_MS = [60_000, 2 * 60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, 3600_000, 3 * 3600_000, 6 * 3600_000];

/**
 * A stretch of a camera's day as a bar (`start`–`end`: the whole day or a zoomed window): the
 * recorded spans, a mark per alert and the playing position. It is a slider over that stretch: a
 * click or a drag (released) picks the moment to play from, and the keyboard moves it (arrows 10 s,
 * with Shift 1 min, Page Up/Down 10 min, Home/End to the stretch's ends).
 */
@Component({
  selector: 'app-recording-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'block' },
  template: `
    <div
      class="relative h-14 cursor-pointer touch-none select-none overflow-hidden rounded bg-[var(--mat-sys-surface-container-highest)] outline-offset-2 focus-visible:outline focus-visible:outline-2"
      role="slider"
      tabindex="0"
      data-testid="timeline"
      [attr.aria-label]="label()"
      aria-valuemin="0"
      [attr.aria-valuemax]="daySeconds()"
      [attr.aria-valuenow]="valueNow()"
      [attr.aria-valuetext]="valueText()"
      (pointerdown)="press($event)"
      (pointermove)="drag($event)"
      (pointerup)="release($event)"
      (pointercancel)="preview.set(null)"
      (keydown)="key($event)"
    >
      @for (span of placed(); track span.start) {
        <!-- At least 2 px: a few seconds of a whole day must still show. -->
        <div class="absolute inset-y-3 min-w-[2px] bg-[var(--mat-sys-primary)]" data-testid="span" [style.left.%]="span.left" [style.width.%]="span.width"></div>
      }
      @for (alert of markers(); track alert.alertId) {
        <div
          class="absolute inset-y-0 w-0.5 -translate-x-1/2 bg-[var(--mat-sys-error)]"
          data-testid="alert-marker"
          [style.left.%]="alert.left"
          [attr.title]="alert.title"
        ></div>
      }
      @if (cursor() !== null) {
        <div class="absolute inset-y-0 w-0.5 -translate-x-1/2 bg-[var(--mat-sys-on-surface)]" data-testid="cursor" [style.left.%]="cursor()"></div>
      }
    </div>
    <div class="relative mt-1 h-4 text-xs text-[var(--mat-sys-on-surface-variant)]" aria-hidden="true">
      @for (tick of ticks(); track tick.left) {
        <span class="absolute -translate-x-1/2 whitespace-nowrap" [style.left.%]="tick.left">{{ tick.text }}</span>
      }
    </div>
  `,
})
export class RecordingTimeline {
  /** The stretch shown, epoch ms. */
  readonly start = input.required<number>();
  readonly end = input.required<number>();
  readonly spans = input<Span[]>([]);
  readonly alerts = input<TimelineAlert[]>([]);
  /** The moment playing (or picked), epoch ms; null before one is. */
  readonly position = input<number | null>(null);
  /** The accessible name of the slider. */
  readonly label = input('Recording position');
  /** A moment was picked to play from. */
  readonly seek = output<number>();

  protected readonly ticks = computed(() => {
    const [start, end] = [this.start(), this.end()];
    const step = TICK_STEPS_MS.find((ms) => (end - start) / ms <= 8) ?? TICK_STEPS_MS[TICK_STEPS_MS.length - 1];
    const ticks: Array<{ left: number; text: string }> = [];
    // Ticks on round local times (the offset from UTC keeps hours round in any time zone).
    const offset = new Date(start).getTimezoneOffset() * 60_000;
    for (let at = Math.ceil((start - offset) / step) * step + offset; at <= end; at += step) {
      ticks.push({ left: this.percent(at), text: clockTime(at).slice(0, 5) });
    }
    return ticks;
  });
  /** Where a drag is now, before it is released. */
  protected readonly preview = signal<number | null>(null);
  private dragging = false;

  protected readonly daySeconds = computed(() => Math.round((this.end() - this.start()) / 1000));
  private readonly shown = computed(() => this.preview() ?? this.position());
  protected readonly valueNow = computed(() => {
    const at = this.shown();
    return at === null ? 0 : Math.round((Math.min(Math.max(at, this.start()), this.end()) - this.start()) / 1000);
  });
  protected readonly valueText = computed(() => {
    const at = this.shown();
    return at === null ? 'Nothing picked' : clockTime(at);
  });
  protected readonly cursor = computed(() => {
    const at = this.shown();
    return at === null ? null : this.percent(at);
  });
  protected readonly placed = computed(() =>
    this.spans().map((s) => ({ start: s.start, left: this.percent(s.start), width: this.percent(s.end) - this.percent(s.start) })),
  );
  protected readonly markers = computed(() =>
    this.alerts().map((a) => ({ alertId: a.alertId, left: this.percent(a.at), title: `${clockTime(a.at)} ${a.label}` })),
  );

  protected press(event: PointerEvent): void {
    if (event.button !== 0) return;
    this.dragging = true;
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    this.preview.set(this.momentOf(event));
  }

  protected drag(event: PointerEvent): void {
    if (this.dragging) this.preview.set(this.momentOf(event));
  }

  protected release(event: PointerEvent): void {
    if (!this.dragging) return;
    this.dragging = false;
    const at = this.momentOf(event);
    this.preview.set(null);
    this.seek.emit(at);
  }

  protected key(event: KeyboardEvent): void {
    const from = this.position() ?? this.start();
    const step = event.shiftKey ? BIG_STEP_MS : STEP_MS;
    const moves: Record<string, number> = {
      ArrowLeft: from - step,
      ArrowDown: from - step,
      ArrowRight: from + step,
      ArrowUp: from + step,
      PageDown: from - PAGE_MS,
      PageUp: from + PAGE_MS,
      Home: this.start(),
      End: this.end() - 1000,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    this.seek.emit(Math.min(Math.max(to, this.start()), this.end() - 1000));
  }

  private momentOf(event: PointerEvent): number {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const at = momentAt(rect.width > 0 ? (event.clientX - rect.left) / rect.width : 0, this.start(), this.end());
    return Math.min(at, this.end() - 1000);
  }

  private percent(at: number): number {
    return fractionOf(at, this.start(), this.end()) * 100;
  }
}

