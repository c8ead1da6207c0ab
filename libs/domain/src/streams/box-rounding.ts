/** A score as events and alerts carry it: 3 decimals. */
export const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** A box as events and alerts carry it: whole pixels, the score (if any) to 3 decimals. */
export const roundBox = <T extends { x: number; y: number; width: number; height: number }>(b: T): T => ({
  ...b,
  x: Math.round(b.x),
  y: Math.round(b.y),
  width: Math.round(b.width),
  height: Math.round(b.height),
  ...('score' in b ? { score: round3((b as unknown as { score: number }).score) } : {}),
});
