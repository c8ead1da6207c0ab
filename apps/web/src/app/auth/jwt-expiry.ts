/**
 * Reads the `exp` claim (seconds since the epoch) of a JWT and returns it in milliseconds.
 * The signature is not checked here: the API does that on every request; the console only
 * needs to know when to stop sending a token that is bound to be refused.
 * Returns null when the token is malformed or carries no expiry.
 */
export function jwtExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}
