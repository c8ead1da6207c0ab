/** Errors the use cases raise; the API maps each kind to one HTTP status. */
export abstract class DomainError extends Error {
  abstract readonly kind: 'validation' | 'not_found' | 'forbidden' | 'conflict' | 'unauthorized' | 'unavailable' | 'unprocessable';
  constructor(message: string, readonly details?: string[]) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly kind = 'validation' as const;
}

/** Also used for things that exist but the caller may not see: both answer the same. */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}

export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized' as const;
}

/** A dependency (database, detector) cannot serve the request right now. */
export class UnavailableError extends DomainError {
  readonly kind = 'unavailable' as const;
}

/** Well-formed input Argus cannot act on (e.g. a photo with no usable face); the message says why. */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable' as const;
}
