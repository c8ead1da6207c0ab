/** Open cursors of the MongoDB test double: results are materialised, then served in batches. */
import { Long, calculateObjectSize, type Document } from 'bson';
import { CommandError } from './errors';

/** The server's default first batch. */
const FIRST_BATCH_DOCS = 101;
/** Batches stay well below the 16 MiB reply limit. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

interface OpenCursor {
  namespace: string;
  docs: Document[];
  position: number;
}

export class CursorRegistry {
  private nextId = 1;
  private readonly open = new Map<number, OpenCursor>();

  /**
   * `{ cursor: { firstBatch, id, ns }, ok: 1 }`, keeping the rest for getMore. A batchSize of 0
   * opens the cursor with an empty first batch, as the server does.
   */
  first(namespace: string, docs: Document[], batchSize?: number, singleBatch = false): Document {
    const cursor: OpenCursor = { namespace, docs, position: 0 };
    const firstBatch = takeBatch(cursor, batchSize ?? FIRST_BATCH_DOCS);
    let id = 0;
    if (!singleBatch && cursor.position < docs.length) {
      id = this.nextId++;
      this.open.set(id, cursor);
    }
    return { cursor: { firstBatch, id: Long.fromNumber(id), ns: namespace }, ok: 1 };
  }

  more(id: number, collection: string, batchSize?: number): Document {
    const cursor = this.open.get(id);
    if (!cursor || cursor.namespace.slice(cursor.namespace.indexOf('.') + 1) !== collection) {
      throw new CommandError(43, 'CursorNotFound', `cursor id ${id} not found`);
    }
    // getMore without a (positive) batchSize returns as much as fits in one reply.
    const nextBatch = takeBatch(cursor, batchSize && batchSize > 0 ? batchSize : Infinity);
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) this.open.delete(id);
    return { cursor: { nextBatch, id: Long.fromNumber(exhausted ? 0 : id), ns: cursor.namespace }, ok: 1 };
  }

  kill(ids: number[]): { killed: number[]; notFound: number[] } {
    const killed = ids.filter((id) => this.open.delete(id));
    return { killed, notFound: ids.filter((id) => !killed.includes(id)) };
  }
}

function takeBatch(cursor: OpenCursor, batchSize: number): Document[] {
  const limit = Math.max(0, batchSize);
  const batch: Document[] = [];
  let bytes = 0;
  while (cursor.position < cursor.docs.length && batch.length < limit) {
    const doc = cursor.docs[cursor.position];
    bytes += calculateObjectSize(doc);
    if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
    batch.push(doc);
    cursor.position++;
  }
  return batch;
}
