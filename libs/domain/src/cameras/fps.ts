import { ValidationError } from '../shared/errors';

export const MIN_FPS = 1;
export const MAX_FPS = 30;

/** Processing frames per second: an integer from MIN_FPS to MAX_FPS. */
export function parseFps(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_FPS || value > MAX_FPS) {
    throw new ValidationError(`fps must be an integer from ${MIN_FPS} to ${MAX_FPS}`);
  }
  return value;
}
