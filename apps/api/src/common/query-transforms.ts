import type { TransformFnParams } from 'class-transformer';

/** `?enabled=true|false` → boolean; anything else is left as is for the validator to reject. */
export function toBooleanQuery({ value }: TransformFnParams): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}
