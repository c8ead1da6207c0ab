// The arithmetic of a camera's recordings page: one local day, the recorded spans in it, where a
// moment lies on the timeline, and what to play or download from a moment.

/** A recorded span, in epoch ms. */
export interface Span {
  start: number;
  end: number;
}

export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;
/** The longest span the API exports as one MP4. */
export const MAX_VIDEO_MS = HOUR_MS;

/** Local midnight of the day holding `at`. */
export function startOfDay(at: number): number {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Local midnight `days` days after the day starting at `dayStart` (DST days have 23 or 25 h). */
export function addDays(dayStart: number, days: number): number {
  const d = new Date(dayStart);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days).getTime();
}

/** `YYYY-MM-DD` of a local day, as an `<input type=date>` holds it. */
export function dayInputValue(dayStart: number): string {
  const d = new Date(dayStart);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The local day an `<input type=date>` value names; null for anything else. */
export function parseDayInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const d = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(d.getTime()) || d.getDate() !== Number(match[3]) ? null : d.getTime();
}

/** `HH:MM:SS` of a moment, local time. */
export function clockTime(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The moment of an `<input type=time step=1>` value (`HH:MM` or `HH:MM:SS`) on a day; null when unreadable. */
export function parseClockTime(dayStart: number, value: string): number | null {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (h > 23 || m > 59 || s > 59) return null;
  const d = new Date(dayStart);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), h, m, s).getTime();
}

/** The spans cut to the day and sorted; spans outside it are left out. */
export function spansInDay(spans: Span[], dayStart: number, dayEnd: number): Span[] {
  return spans
    .map((s) => ({ start: Math.max(s.start, dayStart), end: Math.min(s.end, dayEnd) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
}

/** Where `at` lies between `from` and `to`, 0–1 (clamped). */
export function fractionOf(at: number, from: number, to: number): number {
  return Math.min(1, Math.max(0, (at - from) / (to - from)));
}

/** The moment at fraction `f` of `from`–`to`, to the second. */
export function momentAt(f: number, from: number, to: number): number {
  return Math.round((from + Math.min(1, Math.max(0, f)) * (to - from)) / 1000) * 1000;
}

/**
 * What to play from `at`: up to an hour of the recording from there, ending where its span ends.
 * A moment between spans starts at the next span; null when nothing is recorded from there on.
 */
export function playableFrom(spans: Span[], at: number): Span | null {
  const span = spans.find((s) => s.end > at);
  if (!span) return null;
  const start = Math.max(at, span.start);
  return { start, end: Math.min(span.end, start + MAX_VIDEO_MS) };
}

/** Why a span cannot be downloaded, or null when it can. */
export function downloadProblem(from: number | null, to: number | null): string | null {
  if (from === null || to === null) return 'Enter a start and an end time';
  if (to <= from) return 'The end must come after the start';
  if (to - from > MAX_VIDEO_MS) return 'At most one hour at a time';
  return null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The zoom levels of the timeline: how much of the day it shows. */
export const ZOOMS: ReadonlyArray<{ label: string; ms: number }> = [
  { label: 'Whole day', ms: DAY_MS },
  { label: '1 hour', ms: HOUR_MS },
  { label: '10 minutes', ms: 10 * 60_000 },
];

/**
 * The stretch of `dayStart`–`dayEnd` to show, `lengthMs` long, around `centre` and kept inside the
 * day; the whole day when it is not longer.
 */
export function zoomWindow(dayStart: number, dayEnd: number, lengthMs: number, centre: number): Span {
  if (lengthMs >= dayEnd - dayStart) return { start: dayStart, end: dayEnd };
  const start = Math.min(Math.max(centre - lengthMs / 2, dayStart), dayEnd - lengthMs);
  return { start, end: start + lengthMs };
}

/** A duration in words: `2 h 5 min`, `12 min`, `40 s`. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
}
