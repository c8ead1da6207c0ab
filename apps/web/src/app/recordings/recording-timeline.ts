import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { Span, addDays, clockTime, fractionOf, momentAt } from './day-timeline';

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

/**
 * One day of a camera as a bar: the recorded spans, a mark per alert and the playing position.
 * It is a slider over the day: a click or a drag (released) picks the moment to play from, and
 * the keyboard moves it (arrows 10 s, with Shift 1 min, Page Up/Down 10 min, Home/End).
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
        <div class="absolute inset-y-3 bg-[var(--mat-sys-primary)]" data-testid="span" [style.left.%]="span.left" [style.width.%]="span.width"></div>
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
      @for (hour of hours; track hour) {
        <span class="absolute -translate-x-1/2 first:translate-x-0 last:-translate-x-full" [style.left.%]="(hour / 24) * 100">{{ hour }}:00</span>
      }
    </div>
  `,
})
export class RecordingTimeline {
  /** Local midnight of the day shown. */
  readonly dayStart = input.required<number>();
  readonly spans = input<Span[]>([]);
  readonly alerts = input<TimelineAlert[]>([]);
  /** The moment playing (or picked), epoch ms; null before one is. */
  readonly position = input<number | null>(null);
  /** The accessible name of the slider. */
  readonly label = input('Recording position');
  /** A moment was picked to play from. */
  readonly seek = output<number>();

  protected readonly hours = [0, 6, 12, 18, 24];
  /** Where a drag is now, before it is released. */
  protected readonly preview = signal<number | null>(null);
  private dragging = false;

  private readonly dayEnd = computed(() => addDays(this.dayStart(), 1));
  protected readonly daySeconds = computed(() => Math.round((this.dayEnd() - this.dayStart()) / 1000));
  private readonly shown = computed(() => this.preview() ?? this.position());
  protected readonly valueNow = computed(() => {
    const at = this.shown();
    return at === null ? 0 : Math.round((Math.min(Math.max(at, this.dayStart()), this.dayEnd()) - this.dayStart()) / 1000);
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
    const from = this.position() ?? this.dayStart();
    const step = event.shiftKey ? BIG_STEP_MS : STEP_MS;
    const moves: Record<string, number> = {
      ArrowLeft: from - step,
      ArrowDown: from - step,
      ArrowRight: from + step,
      ArrowUp: from + step,
      PageDown: from - PAGE_MS,
      PageUp: from + PAGE_MS,
      Home: this.dayStart(),
      End: this.dayEnd() - 1000,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    this.seek.emit(Math.min(Math.max(to, this.dayStart()), this.dayEnd() - 1000));
  }

  private momentOf(event: PointerEvent): number {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const at = momentAt(rect.width > 0 ? (event.clientX - rect.left) / rect.width : 0, this.dayStart(), this.dayEnd());
    return Math.min(at, this.dayEnd() - 1000);
  }

  private percent(at: number): number {
    return fractionOf(at, this.dayStart(), this.dayEnd()) * 100;
  }
}

