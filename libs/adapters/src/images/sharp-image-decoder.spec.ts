import sharp from 'sharp';
import { UnprocessableError } from '@argus/domain';
import { SharpImageDecoder, UndecodableImageError } from './sharp-image-decoder';

/** A `width`×`height` image: red left half, blue right half. */
async function halves(width: number, height: number, format: 'jpeg' | 'png', options: { orientation?: number; alpha?: boolean } = {}): Promise<Buffer> {
  const channels = options.alpha ? 4 : 3;
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels;
      pixels[o] = x < width / 2 ? 230 : 10;
      pixels[o + 1] = 10;
      pixels[o + 2] = x < width / 2 ? 10 : 230;
      if (options.alpha) pixels[o + 3] = 255;
    }
  }
  let image = sharp(pixels, { raw: { width, height, channels } });
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  return format === 'jpeg' ? image.jpeg({ quality: 95 }).toBuffer() : image.png().toBuffer();
}

const rgb = (frame: { width: number; data: Uint8Array }, x: number, y: number) => {
  const o = (y * frame.width + x) * 3;
  return [frame.data[o], frame.data[o + 1], frame.data[o + 2]];
};

describe('SharpImageDecoder', () => {
  const decoder = new SharpImageDecoder();

  it('decodes a JPEG to packed RGB at its size', async () => {
    const frame = await decoder.decode(await halves(64, 48, 'jpeg'));
    expect([frame.width, frame.height, frame.channels, frame.data.length]).toEqual([64, 48, 3, 64 * 48 * 3]);
    expect(rgb(frame, 5, 24)[0]).toBeGreaterThan(200);
    expect(rgb(frame, 60, 24)[2]).toBeGreaterThan(200);
  });

  it('decodes a PNG with alpha to RGB', async () => {
    const frame = await decoder.decode(await halves(40, 30, 'png', { alpha: true }));
    expect([frame.width, frame.height, frame.channels, frame.data.length]).toEqual([40, 30, 3, 40 * 30 * 3]);
    expect(rgb(frame, 2, 2)).toEqual([230, 10, 10]);
  });

  it('turns the picture upright by its EXIF orientation', async () => {
    // Orientation 6: stored landscape, shown rotated 90° clockwise (portrait): red ends up on top.
    const frame = await decoder.decode(await halves(64, 48, 'jpeg', { orientation: 6 }));
    expect([frame.width, frame.height]).toEqual([48, 64]);
    expect(rgb(frame, 24, 5)[0]).toBeGreaterThan(200);
    expect(rgb(frame, 24, 60)[2]).toBeGreaterThan(200);
  });

  it('scales images longer than maxSide down, keeping the aspect ratio', async () => {
    const small = new SharpImageDecoder({ maxInputPixels: 1_000_000, maxSide: 100 });
    const frame = await small.decode(await halves(400, 200, 'png'));
    expect([frame.width, frame.height]).toEqual([100, 50]);
  });

  it.each([
    ['empty', Buffer.alloc(0), 'The image is empty'],
    ['text', Buffer.from('not an image at all'), 'not a JPEG or PNG'],
    ['a JPEG header only', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]), ''],
  ])('refuses %s as unprocessable, never anything else', async (_what, bytes, message) => {
    const error = await decoder.decode(bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UndecodableImageError);
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as Error).message).toContain(message);
  });

  it('refuses a truncated JPEG', async () => {
    const jpeg = await halves(200, 200, 'jpeg');
    const error = await decoder.decode(jpeg.subarray(0, Math.floor(jpeg.length / 2))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UndecodableImageError);
    expect((error as Error).message).toMatch(/truncated or corrupt|not a JPEG or PNG/);
  });

  it('refuses other formats sharp could read (GIF, WebP)', async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } }).gif().toBuffer();
    const webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } }).webp().toBuffer();
    for (const bytes of [gif, webp]) await expect(decoder.decode(bytes)).rejects.toThrow('The body is not a JPEG or PNG image that can be decoded');
  });

  it('refuses images with more pixels than allowed before decoding them', async () => {
    const tiny = new SharpImageDecoder({ maxInputPixels: 1_000_000, maxSide: 4096 });
    await expect(tiny.decode(await halves(2000, 1000, 'png'))).rejects.toThrow('The image is too large: at most 1 megapixels');
  });
});
