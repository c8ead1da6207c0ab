import { sameBytes } from '../bytes';
import { NalType, firstMbInSlice, isKeyframe, isVclType, nalType, toAnnexB } from '../h264';

/** One access unit as ffmpeg's feed handed it on: Annex B bytes and its NAL units (no start codes). */
export interface FeedUnit {
  data: Uint8Array;
  nals: Uint8Array[];
  pts90k: number;
  receivedAt: number;
}

/** A later piece of the same picture has the same PTS, or one a tick or so later (ffmpeg makes DTS increase). */
const SAME_PICTURE_TICKS = 90; // 1 ms at 90 kHz: far below any frame interval

/**
 * Joins the pieces of an IDR picture that ffmpeg hands on as separate units. A server that repeats
 * SPS/PPS in front of every slice of an IDR picture (GStreamer's rtph264pay with config-interval=-1,
 * whenever the encoder cuts pictures into slices) makes ffmpeg's H.264 parser end the access unit at
 * each repeated SPS: the picture comes as a unit with the first slice, then units with the others
 * (PTS + 1 tick, no slice at macroblock 0). Passed on like that, the decoder and the live view take
 * each piece for a picture of its own, and every frame up to the next IDR is decoded against half a
 * picture.
 *
 * So a keyframe is held until the next unit shows whether it continues it, but only while the
 * stream splits its keyframes (the first keyframe is held to find out: one frame interval, once).
 * Other units pass at once. A piece that arrives after its keyframe went on (the stream began to
 * split later) is passed on as it is, and the next keyframes are held.
 */
export class PictureJoiner {
  private held: FeedUnit | null = null;
  private heldPieces = 0;
  private splitsKeyframes = true;
  private last: FeedUnit | null = null;

  constructor(private readonly emit: (unit: FeedUnit) => void) {}

  push(unit: FeedUnit): void {
    if (this.held) {
      if (continuesPicture(this.held, unit)) {
        this.held = joinPieces(this.held, unit);
        this.heldPieces++;
        return;
      }
      this.splitsKeyframes = this.heldPieces > 1;
      this.pass(this.held);
      this.held = null;
    } else if (this.last && continuesPicture(this.last, unit)) {
      this.splitsKeyframes = true;
      this.pass(unit);
      return;
    }
    if (this.splitsKeyframes && isKeyframe(unit.nals)) {
      this.held = unit;
      this.heldPieces = 1;
      return;
    }
    this.pass(unit);
  }

  private pass(unit: FeedUnit): void {
    this.last = unit;
    this.emit(unit);
  }
}

/** Is `next` a later piece of `picture`: same time, the same kind of slices, none of them a picture's first? */
export function continuesPicture(picture: FeedUnit, next: FeedUnit): boolean {
  if (Math.abs(next.pts90k - picture.pts90k) > SAME_PICTURE_TICKS) return false;
  const slices = next.nals.filter((nal) => isVclType(nalType(nal)));
  const kind = picture.nals.find((nal) => isVclType(nalType(nal)));
  if (slices.length === 0 || !kind) return false;
  return slices.every((slice) => nalType(slice) === nalType(kind) && firstMbInSlice(slice) > 0);
}

/** The picture with the piece's NAL units appended, less its delimiter and the parameter sets it repeats. */
function joinPieces(picture: FeedUnit, piece: FeedUnit): FeedUnit {
  const repeated = (nal: Uint8Array) => {
    const type = nalType(nal);
    if (type === NalType.Aud) return true;
    return (type === NalType.Sps || type === NalType.Pps) && picture.nals.some((known) => sameBytes(known, nal));
  };
  const nals = [...picture.nals, ...piece.nals.filter((nal) => !repeated(nal))];
  return { ...picture, nals, data: toAnnexB(nals) };
}
