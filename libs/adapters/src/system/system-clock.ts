import type { Clock } from '@argus/domain';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
