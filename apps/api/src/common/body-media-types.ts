import type { NextFunction, Request, Response } from 'express';

/** A WHEP offer (`POST /api/cameras/:id/whep`) is SDP; every other REST body is JSON. */
const SDP_ROUTE = /^\/api\/cameras\/[^/]+\/whep\/?$/;

function mediaType(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Refuses a request body of any other media type with 415 before it is parsed: the REST API takes
 * JSON (and SDP for WHEP offers) only, so forms and text never reach a controller.
 */
export function requireBodyMediaTypes(req: Request, res: Response, next: NextFunction): void {
  if (!hasBody(req)) return next();
  const type = mediaType(req);
  if (type === 'application/json' || (type === 'application/sdp' && SDP_ROUTE.test(req.path))) return next();
  const expected = SDP_ROUTE.test(req.path) ? 'application/sdp' : 'application/json';
  res.status(415).json({ statusCode: 415, message: `Content-Type must be ${expected}` });
}
