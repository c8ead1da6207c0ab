import { createHmac } from 'node:crypto';

export function b64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A JWT signed with HS256 by hand, with whatever claims a test needs (or lacks). */
export function signHs256(payload: object, secret: string): string {
  const head = b64url({ alg: 'HS256', typ: 'JWT' });
  const body = b64url(payload);
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** An unsigned (`alg: none`) JWT. */
export const unsignedJwt = (payload: object) => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`;
