import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { ErrorView } from './error.view';

/** The error answers the API gives, with what they mean when a route does not say more. */
const DEFAULT_DESCRIPTIONS = {
  400: 'Invalid input: unknown fields, wrong types or values out of range (`errors` lists each problem)',
  401: 'No bearer token, or one that is invalid or expired',
  403: 'The caller’s role may not do this',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Request body too large',
  415: 'Wrong Content-Type',
  422: 'Well-formed input Argus cannot act on; `message` says why',
  429: 'Too many requests; retry after the number of seconds in Retry-After',
  503: 'Temporarily unavailable',
} as const;

export type ErrorStatus = keyof typeof DEFAULT_DESCRIPTIONS;

/** Status → when a route gives it (`true`: the default description). */
export type ErrorAnswers = Partial<Record<ErrorStatus, string | true>>;

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } },
};

/** Documents error answers, all in the shared `{ statusCode, message, errors? }` shape. */
export function ApiErrors(answers: ErrorAnswers): MethodDecorator & ClassDecorator {
  const decorators = Object.entries(answers).map(([key, text]) => {
    const status = Number(key) as ErrorStatus;
    const description = text === true ? DEFAULT_DESCRIPTIONS[status] : (text as string);
    return ApiResponse({ status, description, type: ErrorView, ...(status === 429 ? { headers: RETRY_AFTER } : {}) });
  });
  return applyDecorators(...decorators);
}

/** A route for signed-in users: `Authorization: Bearer <user JWT>`, 401 without a valid one. */
export function ApiUserAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth(), ApiErrors({ 401: true }));
}
