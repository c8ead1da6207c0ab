import { createReadStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaBody } from '@argus/domain';
import { writeAtomically } from './file-media-store';

/** One write or delete waiting for S3, in the order it was made. */
export type SpoolEntry =
  | { seq: number; op: 'put'; key: string; contentType: string; size: number; at: number }
  | { seq: number; op: 'delete'; key: string; at: number }
  | { seq: number; op: 'deletePrefix'; prefix: string; at: number };

type NewEntry = { op: 'put'; key: string; contentType: string } | { op: 'delete'; key: string } | { op: 'deletePrefix'; prefix: string };

/** What the spool says about a key: its latest bytes, deleted, or nothing (ask S3). */
export type SpoolView = { state: 'put'; entry: Extract<SpoolEntry, { op: 'put' }> } | { state: 'deleted' } | null;

const NAME = /^(\d{16})\.json$/;
const pad = (seq: number) => String(seq).padStart(16, '0');

/**
 * Writes and deletes that could not reach S3, kept on local disk (`DATA_DIR/media-spool`) in order:
 * `<seq>.data` holds an object's bytes and `<seq>.json` says what to do with them. The JSON file is
 * written last (temporary file + rename), so an entry exists whole or not at all; start-up re-reads
 * the folder and drops leftovers of an interrupted write.
 */
export class MediaSpool {
  private entries: SpoolEntry[] = [];
  private nextSeq = 1;

  constructor(readonly dir: string) {}

  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const names = await readdir(this.dir);
    const entries: SpoolEntry[] = [];
    for (const name of names) {
      const seq = NAME.exec(name)?.[1];
      if (!seq) continue;
      const entry = await readFile(join(this.dir, name), 'utf8').then((text) => JSON.parse(text) as SpoolEntry).catch(() => null);
      if (entry && entry.seq === Number(seq)) entries.push(entry);
      else await rm(join(this.dir, name), { force: true });
    }
    entries.sort((a, b) => a.seq - b.seq);
    const committed = new Set(entries.map((e) => `${pad(e.seq)}.data`));
    for (const name of names) {
      if (name.startsWith('.') || (name.endsWith('.data') && !committed.has(name))) await rm(join(this.dir, name), { force: true });
    }
    this.entries = entries;
    this.nextSeq = (entries.at(-1)?.seq ?? 0) + 1;
  }

  get size(): number {
    return this.entries.length;
  }

  first(): SpoolEntry | undefined {
    return this.entries[0];
  }

  all(): readonly SpoolEntry[] {
    return this.entries;
  }

  /** Stages a body in a hidden file of the spool folder (not yet an entry): see `commit`. */
  async stage(body: MediaBody): Promise<{ file: string; size: number }> {
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `.staged-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    const size = await writeAtomically(file, body);
    return { file, size };
  }

  /** Makes an entry; a put takes the bytes of a staged file (moved into the spool). */
  async append(entry: NewEntry, staged?: { file: string; size: number }): Promise<SpoolEntry> {
    const seq = this.nextSeq++;
    const at = Date.now();
    let made: SpoolEntry;
    if (entry.op === 'put') {
      if (!staged) throw new Error('a spooled put needs its bytes');
      await rename(staged.file, this.dataFile(seq));
      made = { seq, at, ...entry, size: staged.size };
    } else made = { seq, at, ...entry };
    await writeAtomically(join(this.dir, `${pad(seq)}.json`), JSON.stringify(made));
    // Appends may finish out of order (one body takes longer to move): the list stays in seq order.
    const after = this.entries.findIndex((e) => e.seq > seq);
    if (after === -1) this.entries.push(made);
    else this.entries.splice(after, 0, made);
    return made;
  }

  async remove(seq: number): Promise<void> {
    await rm(join(this.dir, `${pad(seq)}.json`), { force: true });
    await rm(this.dataFile(seq), { force: true });
    this.entries = this.entries.filter((e) => e.seq !== seq);
  }

  /** Drops the waiting puts of these keys (their objects were deleted), except the one `keep` (being uploaded). */
  async dropPuts(matches: (key: string) => boolean, keep?: number): Promise<void> {
    for (const entry of [...this.entries]) {
      if (entry.op === 'put' && entry.seq !== keep && matches(entry.key)) await this.remove(entry.seq);
    }
  }

  view(key: string): SpoolView {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i];
      if (entry.op === 'put' && entry.key === key) return { state: 'put', entry };
      if ((entry.op === 'delete' && entry.key === key) || (entry.op === 'deletePrefix' && key.startsWith(entry.prefix))) return { state: 'deleted' };
    }
    return null;
  }

  dataFile(seq: number): string {
    return join(this.dir, `${pad(seq)}.data`);
  }

  read(seq: number, start: number, end: number): AsyncIterable<Uint8Array> {
    return createReadStream(this.dataFile(seq), { start, end });
  }

}
