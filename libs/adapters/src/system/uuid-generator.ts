import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '@argus/domain';

export class UuidGenerator implements IdGenerator {
  next(): string {
    return randomUUID();
  }
}
