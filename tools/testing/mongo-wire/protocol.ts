/**
 * MongoDB wire-protocol framing for the test double (see README.md): OP_MSG both ways, legacy
 * OP_QUERY in and OP_REPLY out for the driver's first handshake. Not a database.
 */
import { deserialize, serialize, type Document } from 'bson';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const HEADER_BYTES = 16;
/** OP_MSG flag bits. */
export const CHECKSUM_PRESENT = 1 << 0;
export const MORE_TO_COME = 1 << 1;
/** The server's advertised limit; anything longer is a broken stream. */
export const MAX_MESSAGE_BYTES = 48_000_000;

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export type WireRequest =
  | { kind: 'msg'; header: MessageHeader; flags: number; command: Document }
  | { kind: 'query'; header: MessageHeader; namespace: string; query: Document }
  | { kind: 'other'; header: MessageHeader };

/** Declared length of the message at the start of `buffer`; null until 4 bytes have arrived. */
export function peekMessageLength(buffer: Buffer): number | null {
  return buffer.length < 4 ? null : buffer.readInt32LE(0);
}

export function parseMessage(message: Buffer): WireRequest {
  const header: MessageHeader = {
    length: message.readInt32LE(0),
    requestId: message.readInt32LE(4),
    responseTo: message.readInt32LE(8),
    opCode: message.readInt32LE(12),
  };
  if (header.opCode === OP_MSG) return parseOpMsg(header, message);
  if (header.opCode === OP_QUERY) return parseOpQuery(header, message);
  return { kind: 'other', header };
}

/** Body section (kind 0) plus document sequences (kind 1) folded in under their identifiers. */
function parseOpMsg(header: MessageHeader, message: Buffer): WireRequest {
  const flags = message.readUInt32LE(HEADER_BYTES);
  const end = message.length - (flags & CHECKSUM_PRESENT ? 4 : 0);
  let offset = HEADER_BYTES + 4;
  let command: Document | undefined;
  const sequences: Record<string, Document[]> = {};
  while (offset < end) {
    const kind = message[offset++];
    if (kind === 0) {
      const size = message.readInt32LE(offset);
      command = readDocument(message, offset, size);
      offset += size;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      const nameEnd = message.indexOf(0, offset + 4);
      const identifier = message.toString('utf8', offset + 4, nameEnd);
      const docs: Document[] = [];
      for (let at = nameEnd + 1; at < sectionEnd; at += message.readInt32LE(at)) {
        docs.push(readDocument(message, at, message.readInt32LE(at)));
      }
      sequences[identifier] = docs;
      offset = sectionEnd;
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!command) throw new Error('OP_MSG without a body section');
  return { kind: 'msg', header, flags, command: { ...command, ...sequences } };
}

function parseOpQuery(header: MessageHeader, message: Buffer): WireRequest {
  let offset = HEADER_BYTES + 4; // flags
  const nameEnd = message.indexOf(0, offset);
  const namespace = message.toString('utf8', offset, nameEnd);
  offset = nameEnd + 1 + 8; // numberToSkip, numberToReturn
  const query = readDocument(message, offset, message.readInt32LE(offset));
  return { kind: 'query', header, namespace, query };
}

function readDocument(buffer: Buffer, offset: number, size: number): Document {
  return deserialize(buffer.subarray(offset, offset + size));
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const out = Buffer.alloc(HEADER_BYTES);
  out.writeInt32LE(length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(opCode, 12);
  return out;
}

/** OP_MSG reply: flags 0 and one body section. */
export function encodeOpMsg(requestId: number, responseTo: number, reply: Document): Buffer {
  const body = serialize(reply, { ignoreUndefined: true });
  const length = HEADER_BYTES + 4 + 1 + body.length;
  return Buffer.concat([header(length, requestId, responseTo, OP_MSG), Buffer.alloc(5), body]);
}

/** OP_REPLY for a legacy OP_QUERY handshake: one document, no cursor. */
export function encodeOpReply(requestId: number, responseTo: number, reply: Document): Buffer {
  const body = serialize(reply, { ignoreUndefined: true });
  const fields = Buffer.alloc(20); // responseFlags, cursorID (int64), startingFrom, numberReturned
  fields.writeInt32LE(1, 16);
  const length = HEADER_BYTES + fields.length + body.length;
  return Buffer.concat([header(length, requestId, responseTo, OP_REPLY), fields, body]);
}
