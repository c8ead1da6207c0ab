/**
 * The API's inclusive `from`/`to` for a range of calendar days picked in the browser's time
 * zone: from the start of the first day to the last millisecond of the last one.
 */
export function dayRange(start: Date | null, end: Date | null): { from?: string; to?: string } {
  const range: { from?: string; to?: string } = {};
  if (start) range.from = new Date(start.getFullYear(), start.getMonth(), start.getDate()).toISOString();
  if (end) range.to = new Date(end.getFullYear(), end.getMonth(), end.getDate() + 1, 0, 0, 0, -1).toISOString();
  return range;
}
