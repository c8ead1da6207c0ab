import { ValidationError } from '../shared/errors';

/**
 * Areas of a camera's picture, as polygons in fractions of the frame (x and y from 0 to 1, so they
 * hold for any resolution the picture is processed at). A `mask` hides what happens inside it: no
 * box, no alert, no motion. When a camera has `zone`s, only what happens inside one alerts.
 */
export const ZONE_KINDS = ['mask', 'zone'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

/** [x, y], each from 0 to 1 of the frame's width and height. */
export type ZonePoint = [number, number];

export interface CameraZone {
  name: string;
  kind: ZoneKind;
  points: ZonePoint[];
}

export const MIN_ZONE_POINTS = 3;
export const MAX_ZONE_POINTS = 32;
export const MAX_ZONE_NAME_LENGTH = 64;
export const MAX_ZONES_PER_CAMERA = 32;

/**
 * Validates a camera's list of zones and masks, collecting every problem so the caller can fix
 * them in one go. Names are trimmed; two names that differ only in case are the same name.
 */
export function parseZones(value: unknown, field = 'zones'): CameraZone[] {
  if (!Array.isArray(value)) throw new ValidationError(`${field} must be an array of { name, kind, points }`);
  if (value.length > MAX_ZONES_PER_CAMERA) throw new ValidationError(`${field} must have at most ${MAX_ZONES_PER_CAMERA} entries`);
  const problems: string[] = [];
  const zones: CameraZone[] = [];
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const at = `${field}[${i}]`;
    const before = problems.length;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`${at} must be an object { name, kind, points }`);
      return;
    }
    const raw = item as Record<string, unknown>;
    const name = parseName(at, raw['name'], problems);
    if (name !== null) {
      const key = name.toLowerCase();
      if (seen.has(key)) problems.push(`${at}.name "${name}" is used twice: names must be unique per camera`);
      seen.add(key);
    }
    if (!(ZONE_KINDS as readonly unknown[]).includes(raw['kind'])) {
      problems.push(`${at}.kind must be "mask" or "zone"`);
    }
    const points = parsePoints(at, raw['points'], problems);
    if (problems.length === before && name !== null && points !== null) {
      zones.push({ name, kind: raw['kind'] as ZoneKind, points });
    }
  });
  if (problems.length > 0) throw new ValidationError(problems.join('; '), problems);
  return zones;
}

function parseName(at: string, value: unknown, problems: string[]): string | null {
  if (typeof value !== 'string') {
    problems.push(`${at}.name must be a string`);
    return null;
  }
  const name = value.trim();
  if (name.length === 0 || name.length > MAX_ZONE_NAME_LENGTH) {
    problems.push(`${at}.name must be 1–${MAX_ZONE_NAME_LENGTH} characters`);
    return null;
  }
  return name;
}

function parsePoints(at: string, value: unknown, problems: string[]): ZonePoint[] | null {
  if (!Array.isArray(value)) {
    problems.push(`${at}.points must be an array of [x, y] pairs`);
    return null;
  }
  if (value.length < MIN_ZONE_POINTS || value.length > MAX_ZONE_POINTS) {
    problems.push(`${at}.points must have ${MIN_ZONE_POINTS} to ${MAX_ZONE_POINTS} points (it has ${value.length})`);
    return null;
  }
  const points: ZonePoint[] = [];
  for (let j = 0; j < value.length; j++) {
    const point: unknown = value[j];
    if (!Array.isArray(point) || point.length !== 2 || !point.every((c) => typeof c === 'number' && Number.isFinite(c))) {
      problems.push(`${at}.points[${j}] must be an [x, y] pair of numbers`);
      return null;
    }
    const [x, y] = point as number[];
    if (x < 0 || x > 1 || y < 0 || y > 1) {
      problems.push(`${at}.points[${j}] must have x and y from 0 to 1 (fractions of the frame)`);
      return null;
    }
    points.push([x, y]);
  }
  return points;
}

/** Even-odd rule: a point exactly on an edge may fall either way. */
export function pointInPolygon(x: number, y: number, points: readonly ZonePoint[]): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The zones (of one kind) a normalised point lies in, in the camera's order. */
export function zonesAt(x: number, y: number, zones: readonly CameraZone[], kind: ZoneKind): CameraZone[] {
  return zones.filter((zone) => zone.kind === kind && pointInPolygon(x, y, zone.points));
}

export function sameZones(a: readonly CameraZone[] | undefined, b: readonly CameraZone[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

export function copyZones(zones: readonly CameraZone[] | undefined): CameraZone[] {
  return (zones ?? []).map((zone) => ({ name: zone.name, kind: zone.kind, points: zone.points.map(([x, y]) => [x, y] as ZonePoint) }));
}
