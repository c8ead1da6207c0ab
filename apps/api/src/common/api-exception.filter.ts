import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError, maskRtspCredentials } from '@argus/domain';
import { isDatabaseUnavailable } from '@argus/adapters';
import type { Response } from 'express';

const STATUS_BY_KIND: Record<DomainError['kind'], number> = {
  validation: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  conflict: HttpStatus.CONFLICT,
  unauthorized: HttpStatus.UNAUTHORIZED,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
};

export const DATABASE_UNAVAILABLE = 'The database is unavailable; try again shortly';
/** Seconds a client is asked to wait after a 503 for an unreachable database. */
const DATABASE_RETRY_AFTER_S = 5;

export interface ApiErrorBody {
  statusCode: number;
  message: string;
  errors?: string[];
}

/** Every error answers `{ statusCode, message, errors? }`; unexpected ones never leak internals. */
export function toApiError(error: unknown): ApiErrorBody {
  if (error instanceof DomainError) {
    const body: ApiErrorBody = { statusCode: STATUS_BY_KIND[error.kind], message: error.message };
    if (error.details && error.details.length > 1) body.errors = error.details;
    return body;
  }
  if (error instanceof HttpException) {
    return fromHttpException(error);
  }
  const status = bodyParserStatus(error);
  if (status) return { statusCode: status, message: bodyParserMessage(status) };
  if (isDatabaseUnavailable(error)) return { statusCode: 503, message: DATABASE_UNAVAILABLE };
  return { statusCode: 500, message: 'Internal server error' };
}

function fromHttpException(error: HttpException): ApiErrorBody {
  const statusCode = error.getStatus();
  const response = error.getResponse();
  if (typeof response === 'string') return { statusCode, message: response };
  const raw = (response as { message?: unknown }).message;
  if (Array.isArray(raw)) {
    const errors = raw.map(String);
    return { statusCode, message: errors.join('; '), errors };
  }
  return { statusCode, message: typeof raw === 'string' ? raw : error.message };
}

/**
 * body-parser errors (too large, malformed JSON) carry their own status, with a `type`, or with
 * http-errors' `expose` when it wraps a lower-level error (a gzip body that does not inflate).
 */
function bodyParserStatus(error: unknown): number | null {
  const { status, type, expose } = (error ?? {}) as { status?: unknown; type?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && (typeof type === 'string' || expose === true) ? status : null;
}

function bodyParserMessage(status: number): string {
  if (status === 413) return 'Request body too large';
  if (status === 415) return 'Unsupported content encoding or charset';
  return 'Malformed request body';
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const response = host.switchToHttp().getResponse<Response>();
    const body = toApiError(error);
    if (body.statusCode === 503 && isDatabaseUnavailable(error)) {
      this.logger.warn(`database unavailable: ${maskRtspCredentials(error instanceof Error ? error.message : String(error))}`);
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_S));
    } else if (body.statusCode >= 500) {
      const text = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
      this.logger.error(maskRtspCredentials(text));
    }
    const retryAfter = (error as { retryAfterSeconds?: number })?.retryAfterSeconds;
    if (retryAfter) response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }
}
