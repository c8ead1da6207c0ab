import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Subscription, forkJoin } from 'rxjs';
import { Camera } from '../cameras/camera';
import { CameraApi } from '../cameras/camera-api';
import {
  Span,
  ZOOMS,
  addDays,
  clockTime,
  dayInputValue,
  downloadProblem,
  duration,
  parseClockTime,
  parseDayInput,
  playableFrom,
  spansInDay,
  startOfDay,
  zoomWindow,
} from './day-timeline';
import { RecordingTimeline, TimelineAlert } from './recording-timeline';
import { RecordingsApi } from './recordings-api';

/** Seconds of lead-up shown before an alert picked from the list, when the camera says none. */
const DEFAULT_LEAD_S = 5;

/**
 * A camera's recordings, one local day at a time: the recorded spans and the alerts on a timeline,
 * a player that plays from the moment picked (a click or drag on the timeline, the keyboard, an
 * alert of the list), and a span to download (an hour at most) marked by times or from the player.
 */
@Component({
  selector: 'app-recordings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatButtonToggleModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, RecordingTimeline],
  templateUrl: './recordings-page.html',
})
export class RecordingsPage {
  private readonly api = inject(RecordingsApi);
  private readonly cameras = inject(CameraApi);

  /** The route's `:id`. */
  readonly id = input.required<string>();

  protected readonly camera = signal<Camera | null>(null);
  protected readonly day = signal(startOfDay(Date.now()));
  protected readonly dayValue = computed(() => dayInputValue(this.day()));
  protected readonly spans = signal<Span[]>([]);
  protected readonly alerts = signal<TimelineAlert[]>([]);
  protected readonly state = signal<'loading' | 'loaded' | 'failed'>('loading');
  /** What the player plays, and where it is now. */
  protected readonly playing = signal<Span | null>(null);
  protected readonly position = signal<number | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly videoSrc = computed(() => {
    const playing = this.playing();
    return playing ? this.api.videoUrl(this.id(), playing.start, playing.end) : null;
  });
  protected readonly recorded = computed(() => duration(this.spans().reduce((sum, s) => sum + s.end - s.start, 0)));
  /**
   * How much of the day the timeline shows, and where: around the moment picked, else the latest
   * recording. It stays put while the video plays, and moves when the moment leaves it.
   */
  protected readonly zooms = ZOOMS;
  protected readonly zoom = signal(ZOOMS[0].ms);
  private readonly anchor = signal<number | null>(null);
  protected readonly window = computed(() => {
    const day = this.day();
    const centre = this.anchor() ?? this.spans().at(-1)?.end ?? this.alerts().at(-1)?.at ?? day;
    return zoomWindow(day, addDays(day, 1), this.zoom(), centre);
  });

  /** The span to download, as typed (`HH:MM:SS`). */
  protected readonly downloadFrom = signal('');
  protected readonly downloadTo = signal('');
  private readonly downloadSpan = computed(() => ({
    from: parseClockTime(this.day(), this.downloadFrom()),
    to: parseClockTime(this.day(), this.downloadTo()),
  }));
  protected readonly downloadProblem = computed(() => downloadProblem(this.downloadSpan().from, this.downloadSpan().to));
  protected readonly downloadHref = computed(() => {
    const { from, to } = this.downloadSpan();
    return this.downloadProblem() === null && from !== null && to !== null ? this.api.videoUrl(this.id(), from, to) : null;
  });
  protected readonly downloadName = computed(() => `${this.camera()?.name ?? 'camera'} ${this.dayValue()} ${this.downloadFrom()}.mp4`.replace(/[\\/:]/g, '-'));

  protected readonly clockTime = clockTime;
  private loading: Subscription | null = null;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.cameras.get(id).subscribe({ next: (camera) => this.camera.set(camera), error: () => this.camera.set(null) }));
    });
    effect(() => {
      const id = this.id();
      const day = this.day();
      untracked(() => this.load(id, day));
    });
  }

  protected load(id = this.id(), day = this.day()): void {
    const end = addDays(day, 1);
    this.loading?.unsubscribe();
    this.state.set('loading');
    this.loading = forkJoin({ spans: this.api.spans(id, day, end), alerts: this.api.alerts(id, day, end) }).subscribe({
      next: ({ spans, alerts }) => {
        this.spans.set(spansInDay(spans, day, end));
        this.alerts.set(alerts);
        this.state.set('loaded');
      },
      error: () => this.state.set('failed'),
    });
  }

  protected showDay(day: number): void {
    if (day === this.day()) return;
    this.playing.set(null);
    this.position.set(null);
    this.anchor.set(null);
    this.notice.set(null);
    this.day.set(day);
  }

  protected pickDay(value: string): void {
    const day = parseDayInput(value);
    if (day !== null) this.showDay(day);
  }

  protected moveDay(days: number): void {
    this.showDay(addDays(this.day(), days));
  }

  protected setZoom(ms: number): void {
    this.anchor.set(this.position() ?? this.anchor());
    this.zoom.set(ms);
  }

  /** Plays from `at` (or from the next recorded moment after it). */
  protected seek(at: number): void {
    this.follow(at);
    const playable = playableFrom(this.spans(), at);
    if (!playable) {
      this.notice.set(`Nothing is recorded from ${clockTime(at)} on this day.`);
      this.position.set(at);
      return;
    }
    this.notice.set(playable.start > at ? `Nothing is recorded at ${clockTime(at)}: playing from ${clockTime(playable.start)}.` : null);
    this.playing.set(playable);
    this.position.set(playable.start);
    this.follow(playable.start);
  }

  /** Moves the timeline's window to a moment outside it. */
  private follow(at: number): void {
    const { start, end } = this.window();
    if (at < start || at >= end) this.anchor.set(at);
  }

  /** An alert of the list: from a little before it, to see what led up to it. */
  protected playAlert(alert: TimelineAlert): void {
    const lead = this.camera()?.recording?.preSeconds ?? DEFAULT_LEAD_S;
    this.seek(Math.max(this.day(), alert.at - lead * 1000));
  }

  protected played(event: Event): void {
    const playing = this.playing();
    const video = event.target as HTMLVideoElement;
    if (!playing) return;
    this.position.set(playing.start + Math.round(video.currentTime * 1000));
    this.follow(this.position() as number);
  }

  /** Marks the download's start or end at the moment playing. */
  protected mark(which: 'from' | 'to'): void {
    const at = this.position();
    if (at === null) return;
    (which === 'from' ? this.downloadFrom : this.downloadTo).set(clockTime(at));
  }

  protected valueOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}
