import { connect } from 'node:net';
import { deserialize, serialize } from 'bson';
import { OP_MSG, OP_QUERY, OP_REPLY, encodeOpMsg, parseMessage } from './protocol';
import { startMongoWireServer } from './server';

function header(length: number, requestId: number, opCode: number): Buffer {
  const out = Buffer.alloc(16);
  out.writeInt32LE(length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(0, 8);
  out.writeInt32LE(opCode, 12);
  return out;
}

/** An OP_MSG with a body section and one document sequence, as the driver sends inserts. */
function opMsgWithSequence(requestId: number): Buffer {
  const body = serialize({ insert: 'things', $db: 'raw' });
  const docs = [serialize({ _id: 1 }), serialize({ _id: 2 })];
  const name = Buffer.from('documents\0');
  const sequenceSize = 4 + name.length + docs.reduce((n, d) => n + d.length, 0);
  const sequence = Buffer.concat([Buffer.from([1]), Buffer.alloc(4), name, ...docs]);
  sequence.writeInt32LE(sequenceSize, 1);
  const payload = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), body, sequence]);
  return Buffer.concat([header(16 + payload.length, requestId, OP_MSG), payload]);
}

function opQuery(requestId: number, namespace: string, query: object): Buffer {
  const payload = Buffer.concat([Buffer.alloc(4), Buffer.from(`${namespace}\0`), Buffer.alloc(8), serialize(query)]);
  return Buffer.concat([header(16 + payload.length, requestId, OP_QUERY), payload]);
}

/** Sends raw bytes (in two pieces, to exercise framing) and reads one reply. */
async function exchange(port: number, bytes: Buffer): Promise<Buffer> {
  const socket = connect(port, '127.0.0.1');
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= received.readInt32LE(0)) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.write(bytes.subarray(0, 7));
    setImmediate(() => socket.write(bytes.subarray(7)));
  });
}

describe('wire protocol framing', () => {
  it('folds document sequences into the command under their identifier', () => {
    const request = parseMessage(opMsgWithSequence(7));
    expect(request.kind).toBe('msg');
    expect(request.kind === 'msg' && request.command).toEqual({ insert: 'things', $db: 'raw', documents: [{ _id: 1 }, { _id: 2 }] });
    expect(request.header.requestId).toBe(7);
  });

  it('encodes an OP_MSG reply that answers the request id', () => {
    const reply = encodeOpMsg(3, 9, { ok: 1 });
    expect(reply.readInt32LE(0)).toBe(reply.length);
    expect(reply.readInt32LE(8)).toBe(9);
    expect(reply.readInt32LE(12)).toBe(OP_MSG);
    expect(deserialize(reply.subarray(21))).toEqual({ ok: 1 });
  });

  it('answers a legacy OP_QUERY hello with OP_REPLY and refuses other OP_QUERY commands', async () => {
    const server = await startMongoWireServer();
    try {
      const hello = await exchange(server.port, opQuery(11, 'admin.$cmd', { isMaster: 1 }));
      expect(hello.readInt32LE(8)).toBe(11);
      expect(hello.readInt32LE(12)).toBe(OP_REPLY);
      expect(hello.readInt32LE(32)).toBe(1);
      expect(deserialize(hello.subarray(36))).toMatchObject({ ok: 1, ismaster: true, maxWireVersion: 21 });
      const find = await exchange(server.port, opQuery(12, 'raw.$cmd', { find: 'things' }));
      expect(deserialize(find.subarray(36))).toMatchObject({ ok: 0, code: 352 });
    } finally {
      await server.stop();
    }
  });

  it('executes a split OP_MSG with a document sequence', async () => {
    const server = await startMongoWireServer();
    try {
      const reply = await exchange(server.port, opMsgWithSequence(21));
      expect(reply.readInt32LE(8)).toBe(21);
      expect(deserialize(reply.subarray(21))).toEqual({ n: 2, ok: 1 });
    } finally {
      await server.stop();
    }
  });
});
