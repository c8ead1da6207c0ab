import type { ApiSchema } from '../../api/api-types';

/** A mask or zone as the API carries it: points are [x, y] fractions (0–1) of the picture. */
export type CameraZone = ApiSchema<'CameraZone'>;
export type ZoneKind = CameraZone['kind'];
export type ZonePoint = [number, number];

/** The API's limits (PUT /api/cameras/:id/zones answers 400 beyond them). */
export const MIN_ZONE_POINTS = 3;
export const MAX_ZONE_POINTS = 32;
export const MAX_ZONES = 32;
export const MAX_ZONE_NAME_LENGTH = 64;

export const ZONE_KIND_LABELS: Record<ZoneKind, string> = { zone: 'Zone', mask: 'Mask' };

/** A zone being edited: the same shape, points as pairs. */
export interface ZoneDraft {
  name: string;
  kind: ZoneKind;
  points: ZonePoint[];
}

export function toDrafts(zones: readonly CameraZone[] | undefined): ZoneDraft[] {
  return (zones ?? []).map((zone) => ({ name: zone.name, kind: zone.kind, points: zone.points.map(([x, y]) => [x, y] as ZonePoint) }));
}

/** What the API is sent: names trimmed, coordinates rounded to 4 decimals (a tenth of a pixel at 1080p). */
export function toZones(drafts: readonly ZoneDraft[]): CameraZone[] {
  return drafts.map((draft) => ({ name: draft.name.trim(), kind: draft.kind, points: draft.points.map(([x, y]) => [round4(x), round4(y)]) }));
}

/** The problems the API would refuse, in words a person acts on; empty when the zones can be saved. */
export function zoneProblems(drafts: readonly ZoneDraft[]): string[] {
  const problems: string[] = [];
  if (drafts.length > MAX_ZONES) problems.push(`At most ${MAX_ZONES} zones and masks per camera.`);
  const seen = new Set<string>();
  drafts.forEach((draft, i) => {
    const name = draft.name.trim();
    const label = name || `${ZONE_KIND_LABELS[draft.kind]} ${i + 1}`;
    if (!name) problems.push(`${label} needs a name.`);
    else if (name.length > MAX_ZONE_NAME_LENGTH) problems.push(`${label}: names are at most ${MAX_ZONE_NAME_LENGTH} characters.`);
    else if (seen.has(name.toLowerCase())) problems.push(`${label}: another zone has this name.`);
    seen.add(name.toLowerCase());
    if (draft.points.length < MIN_ZONE_POINTS) problems.push(`${label} needs at least ${MIN_ZONE_POINTS} points (it has ${draft.points.length}).`);
    if (draft.points.length > MAX_ZONE_POINTS) problems.push(`${label} has more than ${MAX_ZONE_POINTS} points.`);
  });
  return problems;
}

export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** SVG `points` in a 0–100 viewBox. */
export function svgPoints(points: readonly ZonePoint[]): string {
  return points.map(([x, y]) => `${round4(x * 100)},${round4(y * 100)}`).join(' ');
}

/** Where a zone's name is shown: the mean of its corners (inside any convex polygon). */
export function labelPosition(points: readonly ZonePoint[]): ZonePoint {
  if (points.length === 0) return [0.5, 0.5];
  const sx = points.reduce((sum, [x]) => sum + x, 0);
  const sy = points.reduce((sum, [, y]) => sum + y, 0);
  return [sx / points.length, sy / points.length];
}

/** A point for keyboard users to add: halfway along the closing edge, or the picture's centre. */
export function nextPoint(points: readonly ZonePoint[]): ZonePoint {
  if (points.length === 0) return [0.5, 0.5];
  if (points.length === 1) return [clamp01(points[0][0] + 0.1), points[0][1]];
  const [ax, ay] = points[points.length - 1];
  const [bx, by] = points[0];
  return [(ax + bx) / 2, (ay + by) / 2 + (points.length === 2 ? 0.1 : 0)].map(clamp01) as ZonePoint;
}

/** A name not used yet: "Zone 2", "Mask 1"… */
export function freshName(drafts: readonly ZoneDraft[], kind: ZoneKind): string {
  const taken = new Set(drafts.map((draft) => draft.name.trim().toLowerCase()));
  for (let n = 1; ; n++) {
    const name = `${ZONE_KIND_LABELS[kind]} ${n}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/**
 * Where a picture of `width` × `height` sits, in percent, inside a box of `boxRatio` (width / height)
 * that shows it whole (object-fit: contain); the whole box while its size is unknown.
 */
export function containedRect(width: number, height: number, boxRatio: number): { left: number; top: number; width: number; height: number } {
  if (!(width > 0 && height > 0 && boxRatio > 0)) return { left: 0, top: 0, width: 100, height: 100 };
  const ratio = width / height;
  if (ratio >= boxRatio) {
    const h = round4((boxRatio / ratio) * 100);
    return { left: 0, top: round4((100 - h) / 2), width: 100, height: h };
  }
  const w = round4((ratio / boxRatio) * 100);
  return { left: round4((100 - w) / 2), top: 0, width: w, height: 100 };
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
