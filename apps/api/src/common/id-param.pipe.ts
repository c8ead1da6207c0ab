import { Injectable, NotFoundException, type PipeTransform } from '@nestjs/common';
import { MAX_ID_LENGTH } from '@argus/domain';

/** Ids are opaque strings; anything that cannot be one is simply "not found", never a 500. */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  constructor(private readonly what = 'Resource') {}

  transform(value: string): string {
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH || !/^[\w-]+$/.test(value)) {
      throw new NotFoundException(`${this.what} not found`);
    }
    return value;
  }
}
