import type { Frame } from '@argus/domain';

/** Mid grey, as the detector pads its letterbox. */
const PAD_GREY = 128;

/** The frame inside a grey border of `fraction × its larger side` on every side; `offset` is where it now starts. */
export function padFrame(frame: Frame, fraction: number): { frame: Frame; offset: number } {
  const offset = Math.round(Math.max(frame.width, frame.height) * fraction);
  const width = frame.width + 2 * offset;
  const height = frame.height + 2 * offset;
  const data = new Uint8Array(width * height * 3).fill(PAD_GREY);
  const c = frame.channels;
  for (let y = 0; y < frame.height; y++) {
    const row = ((y + offset) * width + offset) * 3;
    if (c === 3) {
      data.set(frame.data.subarray(y * frame.width * 3, (y + 1) * frame.width * 3), row);
      continue;
    }
    for (let x = 0; x < frame.width; x++) {
      const s = (y * frame.width + x) * c;
      data[row + x * 3] = frame.data[s];
      data[row + x * 3 + 1] = frame.data[s + 1];
      data[row + x * 3 + 2] = frame.data[s + 2];
    }
  }
  return { frame: { width, height, channels: 3, data }, offset };
}
