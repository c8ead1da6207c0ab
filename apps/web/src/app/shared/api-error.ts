import { HttpErrorResponse } from '@angular/common/http';
import type { ApiSchema } from '../api/api-types';

/** Every error answer of the API: `{ statusCode, message, errors? }`. */
export type ApiErrorBody = ApiSchema<'Error'>;

/**
 * The messages of an API error, one per problem, so a form can show each next to its field. The
 * body is checked before it is trusted (a proxy may answer instead of the API); falls back to a
 * generic sentence.
 */
export function apiErrorMessages(error: unknown): string[] {
  if (!(error instanceof HttpErrorResponse)) return ['Something went wrong, please try again'];
  if (error.status === 0) return ['Cannot reach the Argus server'];
  const body = error.error as { [K in keyof ApiErrorBody]?: unknown } | null;
  if (body && Array.isArray(body.errors) && body.errors.length > 0 && body.errors.every((e) => typeof e === 'string')) {
    return body.errors as string[];
  }
  if (body && typeof body.message === 'string' && body.message) return [body.message];
  return [`The server answered ${error.status}`];
}

/** All messages of an API error in one line, for a toast. */
export function apiErrorMessage(error: unknown): string {
  return apiErrorMessages(error).join('; ');
}
