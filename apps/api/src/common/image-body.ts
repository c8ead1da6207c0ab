import { PayloadTooLargeException, applyDecorators, type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import { raw, type NextFunction, type Request, type Response } from 'express';
import { IMAGE_MEDIA_TYPES } from './body-media-types';

/** Largest photo an upload may carry. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const parseRaw = raw({ type: [...IMAGE_MEDIA_TYPES], limit: MAX_IMAGE_BYTES });

/**
 * Reads JPEG and PNG bodies into a Buffer (`req.body`), up to MAX_IMAGE_BYTES; a larger one answers
 * 413 saying so, usually before it is read (from Content-Length). Which routes may receive images at
 * all is decided before this, by `requireBodyMediaTypes`.
 */
export function parseImageBodies(req: Request, res: Response, next: NextFunction): void {
  parseRaw(req, res, (error?: unknown) => {
    if ((error as { type?: unknown } | undefined)?.type === 'entity.too.large') {
      return next(new PayloadTooLargeException(`The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`));
    }
    next(error);
  });
}

/** The uploaded image of this request, or null when the body was not an image. */
export function uploadedImage(body: unknown): Buffer | null {
  return Buffer.isBuffer(body) ? body : null;
}

/**
 * OpenAPI for a route whose body is the image itself (`image/jpeg` or `image/png`) or, when `json`
 * is given, that JSON body instead.
 */
export function ApiImageBody(description: string, json?: Type<unknown>): MethodDecorator {
  const binary = { type: 'string', format: 'binary', description: `The image itself (JPEG or PNG, at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB)` };
  if (!json) return applyDecorators(ApiConsumes(...IMAGE_MEDIA_TYPES), ApiBody({ description, schema: binary }));
  return applyDecorators(
    ApiExtraModels(json),
    ApiConsumes(...IMAGE_MEDIA_TYPES, 'application/json'),
    ApiBody({ description, schema: { oneOf: [binary, { $ref: getSchemaPath(json) }] } }),
  );
}
