import { avc1SampleEntry, type AvcTrackInfo } from './avc';
import { ByteWriter, UNITY_MATRIX, box, fullBox } from './boxes';

/** Sample times are on the camera's own 90 kHz clock (as RTP and MPEG-TS carry them). */
export const VIDEO_TIMESCALE = 90_000;
const MOVIE_TIMESCALE = 1000;
const TRACK_ID = 1;

export const KEYFRAME_FLAGS = 0x02000000; // sample_depends_on = 2: an IDR picture
export const DELTA_FLAGS = 0x01010000; // depends on others, not a sync sample

export function fileType(brands: string[]): Uint8Array {
  const writer = new ByteWriter().ascii('isom').u32(0x200);
  for (const brand of brands) writer.ascii(brand);
  return box('ftyp', writer.done());
}

/** The movie around one H.264 track; `tables` are the sample tables (empty ones in a fragmented file). */
export function movie(track: AvcTrackInfo, duration90k: number, tables: Uint8Array[], extra: Uint8Array[] = []): Uint8Array {
  const movieDuration = Math.round((duration90k * MOVIE_TIMESCALE) / VIDEO_TIMESCALE);
  const mvhd = fullBox(
    'mvhd', 1, 0,
    new ByteWriter(108)
      .u64(0).u64(0) // creation, modification
      .u32(MOVIE_TIMESCALE)
      .u64(movieDuration)
      .u32(0x00010000) // rate 1.0
      .u16(0x0100) // volume 1.0
      .zeros(10)
      .bytes(UNITY_MATRIX)
      .zeros(24)
      .u32(TRACK_ID + 1)
      .done(),
  );
  const tkhd = fullBox(
    'tkhd', 1, 3, // enabled, in movie
    new ByteWriter(92)
      .u64(0).u64(0)
      .u32(TRACK_ID)
      .u32(0)
      .u64(movieDuration)
      .zeros(8)
      .u16(0).u16(0).u16(0).u16(0) // layer, alternate group, volume, reserved
      .bytes(UNITY_MATRIX)
      .u32(track.width * 0x10000)
      .u32(track.height * 0x10000)
      .done(),
  );
  const mdhd = fullBox('mdhd', 1, 0, new ByteWriter(32).u64(0).u64(0).u32(VIDEO_TIMESCALE).u64(duration90k).u16(0x55c4).u16(0).done());
  const hdlr = fullBox('hdlr', 0, 0, new ByteWriter(32).u32(0).ascii('vide').zeros(12).ascii('VideoHandler').u8(0).done());
  const vmhd = fullBox('vmhd', 0, 1, new Uint8Array(8));
  const dinf = box('dinf', fullBox('dref', 0, 0, new ByteWriter(4).u32(1).done(), fullBox('url ', 0, 1)));
  const stsd = fullBox('stsd', 0, 0, new ByteWriter(4).u32(1).done(), avc1SampleEntry(track));
  const stbl = box('stbl', stsd, ...tables);
  const trak = box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', vmhd, dinf, stbl)));
  return box('moov', mvhd, trak, ...extra);
}

/** The header of a fragmented file (samples follow as movie fragments). */
export function fragmentedHeader(track: AvcTrackInfo): Uint8Array {
  const empty = (type: string, entries = 4) => fullBox(type, 0, 0, new Uint8Array(entries));
  const tables = [empty('stts'), empty('stsc'), fullBox('stsz', 0, 0, new Uint8Array(8)), empty('stco')];
  const trex = fullBox('trex', 0, 0, new ByteWriter(20).u32(TRACK_ID).u32(1).u32(0).u32(0).u32(0).done());
  const moov = movie(track, 0, tables, [box('mvex', trex)]);
  const ftyp = fileType(['isom', 'iso6', 'avc1', 'mp41']);
  const out = new Uint8Array(ftyp.length + moov.length);
  out.set(ftyp);
  out.set(moov, ftyp.length);
  return out;
}

/** One sample as a movie fragment: `moof` (its decode time, duration, size, flags) and `mdat`. */
export function sampleFragment(sequence: number, decodeTime90k: number, duration90k: number, keyframe: boolean, sample: Uint8Array): Uint8Array[] {
  const trun = fullBox(
    'trun', 0, 0x000001 | 0x000100 | 0x000200 | 0x000400, // data offset, duration, size, flags
    new ByteWriter(20).u32(1).i32(0).u32(duration90k).u32(sample.length).u32(keyframe ? KEYFRAME_FLAGS : DELTA_FLAGS).done(),
  );
  const traf = box(
    'traf',
    fullBox('tfhd', 0, 0x020000, new ByteWriter(4).u32(TRACK_ID).done()), // default-base-is-moof
    fullBox('tfdt', 1, 0, new ByteWriter(8).u64(decodeTime90k).done()),
    trun,
  );
  const moof = box('moof', fullBox('mfhd', 0, 0, new ByteWriter(4).u32(sequence).done()), traf);
  // trun's data_offset: from the start of moof to the sample, past mdat's header.
  const dataOffsetAt = moof.length - trun.length + 8 + 4 + 4;
  new DataView(moof.buffer, moof.byteOffset).setInt32(dataOffsetAt, moof.length + 8);
  const mdatHeader = new ByteWriter(8).u32(sample.length + 8).ascii('mdat').done();
  return [moof, mdatHeader, sample];
}
