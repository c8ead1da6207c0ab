import sharp from 'sharp';
import { UnprocessableError, type Frame, type ImageDecoder } from '@argus/domain';

/** Formats an upload may be in (what `image/jpeg` and `image/png` bodies hold). */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png']);

export interface ImageDecoderLimits {
  /** Images with more pixels than this are refused before they are decoded (decompression bombs). */
  maxInputPixels: number;
  /** Decoded images longer than this on either side are scaled down to it, keeping the aspect ratio. */
  maxSide: number;
}

/** 50 megapixels; a 10 MB JPEG from a phone is 12–48. */
export const DEFAULT_IMAGE_DECODER_LIMITS: ImageDecoderLimits = { maxInputPixels: 50_000_000, maxSide: 4096 };

/** The image could not be read: not a JPEG or PNG, truncated or corrupt, or too large. */
export class UndecodableImageError extends UnprocessableError {}

/**
 * Uploaded photos to the domain's `Frame`: tightly packed RGB, upright as the camera held it (EXIF
 * orientation applied), alpha flattened onto white. Decoding runs in libvips on libuv's thread pool,
 * never on the event loop.
 */
export class SharpImageDecoder implements ImageDecoder {
  constructor(private readonly limits: ImageDecoderLimits = DEFAULT_IMAGE_DECODER_LIMITS) {}

  async decode(bytes: Uint8Array): Promise<Frame> {
    if (bytes.byteLength === 0) throw new UndecodableImageError('The image is empty');
    const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const format = await this.format(input);
    if (!format || !ACCEPTED_FORMATS.has(format)) {
      throw new UndecodableImageError('The body is not a JPEG or PNG image that can be decoded');
    }
    try {
      const { data, info } = await sharp(input, { limitInputPixels: this.limits.maxInputPixels, failOn: 'error' })
        .rotate()
        .resize({ width: this.limits.maxSide, height: this.limits.maxSide, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .toColourspace('srgb')
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
    } catch (error) {
      throw this.explain(error);
    }
  }

  private async format(input: Buffer): Promise<string | undefined> {
    try {
      // Only the header is read here: the pixel count is checked before anything is decoded.
      const meta = await sharp(input, { limitInputPixels: false }).metadata();
      if (meta.width && meta.height && meta.width * meta.height > this.limits.maxInputPixels) {
        throw new UndecodableImageError(`The image is too large: at most ${this.limits.maxInputPixels / 1_000_000} megapixels`);
      }
      return meta.format;
    } catch (error) {
      if (error instanceof UndecodableImageError) throw error;
      return undefined;
    }
  }

  private explain(error: unknown): UndecodableImageError {
    const text = error instanceof Error ? error.message : '';
    if (/pixel limit/i.test(text)) return new UndecodableImageError(`The image is too large: at most ${this.limits.maxInputPixels / 1_000_000} megapixels`);
    return new UndecodableImageError('The image is truncated or corrupt and cannot be decoded');
  }
}
