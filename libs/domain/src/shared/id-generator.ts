/** Produces unique opaque string ids (UUIDs in production). */
export interface IdGenerator {
  next(): string;
}
