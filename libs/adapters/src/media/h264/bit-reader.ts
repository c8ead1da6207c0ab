/**
 * Removes emulation-prevention bytes (0x00 0x00 0x03 → 0x00 0x00) so that the bits of a NAL unit's
 * payload can be read as the syntax tables of H.264 describe them (the RBSP).
 */
export function unescapeRbsp(nal: Uint8Array): Uint8Array {
  const out = new Uint8Array(nal.length);
  let length = 0;
  let zeros = 0;
  for (const byte of nal) {
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    out[length++] = byte;
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, length);
}

/** Reads bits most-significant first, with the Exp-Golomb codes H.264 headers are made of. */
export class BitReader {
  private position = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get bitsLeft(): number {
    return this.bytes.length * 8 - this.position;
  }

  bit(): number {
    if (this.position >= this.bytes.length * 8) throw new RangeError('read past the end of the H.264 header');
    const byte = this.bytes[this.position >> 3];
    const value = (byte >> (7 - (this.position & 7))) & 1;
    this.position++;
    return value;
  }

  bits(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) value = value * 2 + this.bit();
    return value;
  }

  flag(): boolean {
    return this.bit() === 1;
  }

  skip(count: number): void {
    if (count > this.bitsLeft) throw new RangeError('read past the end of the H.264 header');
    this.position += count;
  }

  /** Unsigned Exp-Golomb, ue(v). */
  ue(): number {
    let leadingZeros = 0;
    while (this.bit() === 0) {
      if (++leadingZeros > 31) throw new RangeError('invalid Exp-Golomb code');
    }
    return 2 ** leadingZeros - 1 + this.bits(leadingZeros);
  }

  /** Signed Exp-Golomb, se(v). */
  se(): number {
    const code = this.ue();
    return code % 2 === 1 ? (code + 1) / 2 : -code / 2;
  }
}
