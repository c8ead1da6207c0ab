import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EncodedVideoUnit } from '@argus/domain';
import { anyFfmpeg } from '@argus/tools/testing/media/ffmpeg-binaries';
import { makeCameraUnits } from '@argus/tools/testing/media/camera-units';
import { decodeWithFfmpeg } from '@argus/tools/testing/media/decode-check';
import { FragmentedMp4Writer } from './fragmented-writer';
import { avcTrackOf, planProgressiveMp4, readBoxHeader, readFragmentedFile, type PlannedSample } from './mp4';
import { streamProgressiveMp4 } from './progressive-stream';

function topLevelBoxes(bytes: Uint8Array): string[] {
  const types: string[] = [];
  for (let at = 0, box = readBoxHeader(bytes, 0); box; at = box.end, box = readBoxHeader(bytes, at)) types.push(box.type);
  return types;
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

async function writeFragmented(path: string, units: EncodedVideoUnit[]) {
  const track = avcTrackOf(units[0].data);
  if (!track) throw new Error('no parameter sets');
  const writer = new FragmentedMp4Writer(path, track, (e) => {
    throw e;
  });
  for (const unit of units) writer.write(unit);
  return writer.close();
}

describe('MP4 writing (fragmented while recording, fast start for browsers)', () => {
  const ffmpeg = anyFfmpeg();
  let dir: string;
  let units: EncodedVideoUnit[];
  beforeAll(async () => {
    units = await makeCameraUnits(ffmpeg, { width: 320, height: 240, fps: 10, seconds: 3, gop: 10 });
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'argus-mp4-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the track size and parameter sets from a keyframe', () => {
    const track = avcTrackOf(units[0].data);
    expect(track).toMatchObject({ width: 320, height: 240 });
    expect((track?.sps[0] ?? 0) & 0x1f).toBe(7);
    expect(avcTrackOf(units[1].data)).toBeNull();
  });

  it('writes a fragmented file ffmpeg decodes frame for frame, and reads its samples back', async () => {
    const path = join(dir, 'a.mp4');
    const written = await writeFragmented(path, units);
    expect(written.samples).toHaveLength(units.length);
    expect(written.duration90k).toBe(units.length * 9000);
    const back = readFragmentedFile(readFileSync(path));
    expect(back?.track).toEqual(written.track);
    expect(back?.samples).toEqual(written.samples);
    expect(back?.samples.filter((s) => s.keyframe)).toHaveLength(3);
    expect((await decodeWithFfmpeg(ffmpeg, path)).frames).toBe(units.length);
  });

  it('keeps every whole fragment of a file cut short, and nothing of a file without its header', async () => {
    const path = join(dir, 'cut.mp4');
    const written = await writeFragmented(path, units);
    const cutAt = written.samples[12].offset + 5; // inside the 13th sample
    truncateSync(path, cutAt);
    const back = readFragmentedFile(readFileSync(path));
    expect(back?.samples).toHaveLength(12);
    expect(back?.validLength).toBe(written.samples[11].offset + written.samples[11].size);
    truncateSync(path, back?.validLength);
    expect((await decodeWithFfmpeg(ffmpeg, path)).frames).toBe(12);
    truncateSync(path, 100);
    expect(readFragmentedFile(readFileSync(path))).toBeNull();
  });

  it('lays out a fast-start MP4 from samples of several files, streamed whole or by range', async () => {
    const first = await writeFragmented(join(dir, '1.mp4'), units.slice(0, 20));
    const second = await writeFragmented(join(dir, '2.mp4'), units.slice(20));
    const samples: PlannedSample[] = [first, second].flatMap((file) => file.samples.map((s) => ({ ...s, source: file.path })));
    const layout = planProgressiveMp4(first.track, samples);
    const whole = await collect(streamProgressiveMp4(layout));
    expect(whole.length).toBe(layout.size);
    expect(topLevelBoxes(whole)).toEqual(['ftyp', 'moov', 'mdat']);
    const out = join(dir, 'out.mp4');
    writeFileSync(out, whole);
    expect((await decodeWithFfmpeg(ffmpeg, out)).frames).toBe(units.length);
    // Any range gives the same bytes as the whole file.
    for (const [start, end] of [[0, 10], [layout.header.length - 3, layout.header.length + 5000], [1000, layout.size + 99], [layout.size - 7, layout.size - 1]]) {
      expect(await collect(streamProgressiveMp4(layout, start, end))).toEqual(whole.subarray(start, Math.min(end, layout.size - 1) + 1));
    }
  });
});
