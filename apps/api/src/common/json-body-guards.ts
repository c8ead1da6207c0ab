import type { IncomingMessage } from 'node:http';

/** Deeper than any Argus body needs; deep enough bodies overflow the stack in validation. */
export const MAX_JSON_DEPTH = 32;

const OPEN = new Set([0x7b, 0x5b]); // { [
const CLOSE = new Set([0x7d, 0x5d]); // } ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether brackets outside strings nest deeper than `max` (one pass over the raw bytes). */
export function nestsDeeperThan(body: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPEN.has(byte)) {
      if (++depth > max) return true;
    } else if (CLOSE.has(byte)) {
      depth--;
    }
  }
  return false;
}

/** Keys through which prototype pollution starts; no Argus body has a use for them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * body-parser options for JSON: the keys above are refused while parsing (class-transformer drops
 * them silently, so "unknown fields are rejected" would not catch them), and bodies nested deeper than
 * MAX_JSON_DEPTH are refused before parsing. Both answer 400 "Malformed request body".
 */
export const jsonBodyGuards = {
  reviver(key: string, value: unknown): unknown {
    if (FORBIDDEN_KEYS.has(key)) throw new SyntaxError(`"${key}" is not allowed as a key`);
    return value;
  },
  verify(_req: IncomingMessage, _res: unknown, body: Buffer): void {
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      throw Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { status: 400, type: 'entity.too.deep' });
    }
  },
};
