import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';

/** How every body and query is checked: unknown fields and wrong types are refused with 400, all at once. */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  stopAtFirstError: false,
};

const pipe = new ValidationPipe(VALIDATION_OPTIONS);

/** Checks a body against a DTO class by hand, as the global pipe would (for routes that take JSON or an image). */
export async function validatedBody<T extends object>(dto: new () => T, body: unknown): Promise<T> {
  return (await pipe.transform(body ?? {}, { type: 'body', metatype: dto })) as T;
}
