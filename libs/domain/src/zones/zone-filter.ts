import type { CameraZone } from './zone';
import { zonesAt } from './zone';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a detection falls among a camera's zones, judged by its box centre. */
export interface ZonePlacement {
  /** Inside a mask: the detection is dropped. */
  masked: boolean;
  /** The zones it lies in (names), in the camera's order. */
  zones: string[];
  /** May it alert: not masked, and inside a zone when the camera has zones. */
  alerts: boolean;
}

/**
 * Judges boxes in a frame's pixels against normalised zones: the centre divided by the frame size
 * is the point tested, so the same zones hold at any resolution.
 */
export function placeBox(box: Box, frameWidth: number, frameHeight: number, zones: readonly CameraZone[]): ZonePlacement {
  if (zones.length === 0 || frameWidth <= 0 || frameHeight <= 0) return { masked: false, zones: [], alerts: true };
  const cx = (box.x + box.width / 2) / frameWidth;
  const cy = (box.y + box.height / 2) / frameHeight;
  const masked = zonesAt(cx, cy, zones, 'mask').length > 0;
  const inside = masked ? [] : zonesAt(cx, cy, zones, 'zone').map((zone) => zone.name);
  const hasZones = zones.some((zone) => zone.kind === 'zone');
  return { masked, zones: inside, alerts: !masked && (!hasZones || inside.length > 0) };
}

/** The boxes outside every mask. */
export function unmasked<T extends Box>(boxes: readonly T[], frameWidth: number, frameHeight: number, zones: readonly CameraZone[]): T[] {
  if (!zones.some((zone) => zone.kind === 'mask')) return [...boxes];
  return boxes.filter((box) => !placeBox(box, frameWidth, frameHeight, zones).masked);
}

/** The boxes that may alert: outside masks and, when the camera has zones, inside one. */
export function alerting<T extends Box>(boxes: readonly T[], frameWidth: number, frameHeight: number, zones: readonly CameraZone[]): T[] {
  if (zones.length === 0) return [...boxes];
  return boxes.filter((box) => placeBox(box, frameWidth, frameHeight, zones).alerts);
}
