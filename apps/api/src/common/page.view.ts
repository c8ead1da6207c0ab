import { ApiProperty } from '@nestjs/swagger';
import { MAX_PAGE_LIMIT } from '@argus/domain';

// The counters of one page of a list (`Page<T>`); each page view declares its own `items`.

/** `total`: items in all pages. */
export const ApiPageTotal = (what: string): PropertyDecorator =>
  ApiProperty({ type: 'integer', minimum: 0, description: `${what} in all pages` });

/** `page`: the page number, from 1. */
export const ApiPageNumber = (): PropertyDecorator => ApiProperty({ type: 'integer', minimum: 1 });

/** `limit`: the page size the list used (clamped to MAX_PAGE_LIMIT). */
export const ApiPageLimit = (): PropertyDecorator => ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT });
