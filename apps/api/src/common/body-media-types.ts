import type { NextFunction, Request, Response } from 'express';

/** A WHEP offer (`POST /api/cameras/:id/whep`) is SDP; every other REST body is JSON, but for images below. */
const SDP_ROUTE = /^\/api\/cameras\/[^/]+\/whep\/?$/;

/** Media types of the photos Argus takes (enrolment, recognition). */
export const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png'] as const;

/** Routes that take the image itself as the body, and whether they also take JSON. */
const IMAGE_ROUTES: Array<{ path: RegExp; json: boolean }> = [
  { path: /^\/api\/people\/[^/]+\/faces\/?$/, json: true },
  { path: /^\/api\/recognize\/?$/, json: false },
];

function mediaType(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** The media types a route takes, in the order its 415 answer names them. */
function acceptedTypes(req: Request): string[] {
  if (SDP_ROUTE.test(req.path)) return ['application/sdp'];
  const images = req.method === 'POST' ? IMAGE_ROUTES.find((route) => route.path.test(req.path)) : undefined;
  if (images) return images.json ? [...IMAGE_MEDIA_TYPES, 'application/json'] : [...IMAGE_MEDIA_TYPES];
  return ['application/json'];
}

function listed(types: string[]): string {
  return types.length === 1 ? types[0] : `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}`;
}

/**
 * Refuses a request body of any other media type with 415 before it is parsed: the REST API takes
 * JSON, SDP for WHEP offers and JPEG or PNG images on the routes that take a photo, so forms and text
 * never reach a controller.
 */
export function requireBodyMediaTypes(req: Request, res: Response, next: NextFunction): void {
  if (!hasBody(req)) return next();
  const accepted = acceptedTypes(req);
  if (accepted.includes(mediaType(req))) return next();
  res.status(415).json({ statusCode: 415, message: `Content-Type must be ${listed(accepted)}` });
}
