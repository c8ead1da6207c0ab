import {
  DAY_MS,
  HOUR_MS,
  addDays,
  clockTime,
  dayInputValue,
  downloadProblem,
  duration,
  fractionOf,
  momentAt,
  parseClockTime,
  parseDayInput,
  playableFrom,
  spansInDay,
  startOfDay,
  zoomWindow,
} from './day-timeline';

describe('day timeline', () => {
  const day = new Date(2026, 2, 1).getTime(); // local midnight, 1 March 2026
  const at = (h: number, m = 0, s = 0) => new Date(2026, 2, 1, h, m, s).getTime();

  it('finds local days and moves between them', () => {
    expect(startOfDay(at(14, 5, 9))).toBe(day);
    expect(addDays(day, 1)).toBe(new Date(2026, 2, 2).getTime());
    expect(addDays(day, -1)).toBe(new Date(2026, 1, 28).getTime());
    expect(dayInputValue(day)).toBe('2026-03-01');
    expect(parseDayInput('2026-03-01')).toBe(day);
    expect([parseDayInput(''), parseDayInput('2026-02-30'), parseDayInput('01/03/2026')]).toEqual([null, null, null]);
  });

  it('reads and writes clock times of a day', () => {
    expect(clockTime(at(7, 3, 9))).toBe('07:03:09');
    expect(parseClockTime(day, '07:03:09')).toBe(at(7, 3, 9));
    expect(parseClockTime(day, '07:03')).toBe(at(7, 3));
    expect([parseClockTime(day, '24:00'), parseClockTime(day, 'noon'), parseClockTime(day, '')]).toEqual([null, null, null]);
  });

  it('cuts spans to the day and sorts them', () => {
    const spans = [
      { start: at(12), end: at(13) },
      { start: day - HOUR_MS, end: day + HOUR_MS },
      { start: day + DAY_MS, end: day + DAY_MS + 1000 },
    ];
    expect(spansInDay(spans, day, day + DAY_MS)).toEqual([
      { start: day, end: day + HOUR_MS },
      { start: at(12), end: at(13) },
    ]);
  });

  it('turns moments into positions on the timeline and back, to the second', () => {
    expect(fractionOf(at(12), day, day + DAY_MS)).toBe(0.5);
    expect([fractionOf(day - 1, day, day + DAY_MS), fractionOf(day + 2 * DAY_MS, day, day + DAY_MS)]).toEqual([0, 1]);
    expect(momentAt(0.5, day, day + DAY_MS)).toBe(at(12));
    expect(momentAt(0.25 + 0.3 / DAY_MS, day, day + DAY_MS)).toBe(at(6));
    expect(momentAt(2, day, day + DAY_MS)).toBe(day + DAY_MS);
  });

  it('plays from a moment to the end of its span, an hour at most, or from the next span', () => {
    const spans = [
      { start: at(1), end: at(1, 10) },
      { start: at(3), end: at(6) },
    ];
    expect(playableFrom(spans, at(1, 5))).toEqual({ start: at(1, 5), end: at(1, 10) });
    expect(playableFrom(spans, at(2))).toEqual({ start: at(3), end: at(4) });
    expect(playableFrom(spans, at(4, 30))).toEqual({ start: at(4, 30), end: at(5, 30) });
    expect(playableFrom(spans, at(6))).toBeNull();
  });

  it('allows downloads of up to an hour, end after start', () => {
    expect(downloadProblem(at(1), at(2))).toBeNull();
    expect(downloadProblem(at(1), at(2, 0, 1))).toBe('At most one hour at a time');
    expect(downloadProblem(at(2), at(1))).toBe('The end must come after the start');
    expect(downloadProblem(null, at(1))).toBe('Enter a start and an end time');
  });

  it('zooms into a window of the day around a moment, kept inside the day', () => {
    const end = day + DAY_MS;
    expect(zoomWindow(day, end, DAY_MS, at(3))).toEqual({ start: day, end });
    expect(zoomWindow(day, end, HOUR_MS, at(3))).toEqual({ start: at(2, 30), end: at(3, 30) });
    expect(zoomWindow(day, end, HOUR_MS, at(0, 10))).toEqual({ start: day, end: at(1) });
    expect(zoomWindow(day, end, HOUR_MS, at(23, 50))).toEqual({ start: at(23), end });
  });

  it('says durations in words', () => {
    expect([duration(40_000), duration(12 * 60_000), duration(125 * 60_000), duration(HOUR_MS)]).toEqual(['40 s', '12 min', '2 h 5 min', '1 h']);
  });
});
