import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { Frame, ImageDecoder } from '@argus/domain';
import { IMAGE_DECODER } from './people.tokens';
import { RecognitionAvailability } from './recognition-availability';

/** An uploaded photo to a frame, once it is known that something can analyse it. */
@Injectable()
export class PhotoReader {
  constructor(
    private readonly availability: RecognitionAvailability,
    @Inject(IMAGE_DECODER) private readonly decoder: ImageDecoder,
  ) {}

  requireAnalyser(): void {
    this.availability.require();
  }

  async read(image: Buffer | null): Promise<Frame> {
    this.availability.require();
    if (!image || image.length === 0) throw new BadRequestException('The body must be the image itself (image/jpeg or image/png)');
    return this.decoder.decode(image);
  }
}
