/**
 * startMongoWireServer: a MongoDB *test double* for the repository contract suite and the
 * benchmark — it speaks enough of the wire protocol (OP_MSG, plus OP_QUERY for the legacy
 * handshake) for mongoose 8 / the mongodb 6 driver, and keeps data in memory, evaluated by mingo.
 * It is not a database: no persistence, no auth, no transactions, no query planner, no
 * multikey unique indexes. Listens on 127.0.0.1 only. See README.md.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { Document } from 'bson';
import { runCommand, type Session } from './commands';
import { CursorRegistry } from './cursors';
import { CommandError } from './errors';
import { MAX_MESSAGE_BYTES, MORE_TO_COME, encodeOpMsg, encodeOpReply, parseMessage, peekMessageLength, type WireRequest } from './protocol';
import { WireStore } from './store';
import { cloneDocument } from './updates';

export interface MongoWireServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
}

export interface MongoWireServer {
  uri: string;
  port: number;
  /** Stops listening and drops every connection; the data goes with this object. */
  stop(): Promise<void>;
  /**
   * An outage: stops listening (connection attempts are refused) and drops every open connection,
   * keeping the data. Resolves once the port is closed. A no-op while already suspended.
   */
  suspend(): Promise<void>;
  /** The end of the outage: listens again on the same port, with the data it had. */
  resume(): Promise<void>;
  /** True between `suspend()` and `resume()`. */
  readonly suspended: boolean;
  /** Copies of a collection's documents in the order they were stored (tests check what arrived). */
  documents(db: string, collection: string): Document[];
}

const HANDSHAKE_COMMANDS = new Set(['hello', 'isMaster', 'ismaster']);

export async function startMongoWireServer(options: MongoWireServerOptions = {}): Promise<MongoWireServer> {
  const store = new WireStore();
  const cursors = new CursorRegistry();
  const sockets = new Set<Socket>();
  let connections = 0;
  let replies = 0;
  const accept = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const session: Session = { store, cursors, connectionId: ++connections };
    serveConnection(socket, (request) => answer(session, request, ++replies));
  };
  let server: Server | null = createServer(accept);
  const port = await listen(server, options.port ?? 0);
  let change: Promise<void> = Promise.resolve();
  /** stop/suspend/resume run one after the other, in call order. */
  const serially = (step: () => Promise<void>) => (change = change.then(step, step));
  const takeAway = () =>
    serially(async () => {
      const running = server;
      server = null;
      if (running) await close(running, sockets);
    });
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    get suspended() {
      return server === null;
    },
    stop: takeAway,
    suspend: takeAway,
    resume: () =>
      serially(async () => {
        if (server) return;
        const next = createServer(accept);
        await listen(next, port);
        server = next;
      }),
    documents: (db, collection) => (store.find(db, collection)?.docs ?? []).map(cloneDocument),
  };
}

/** Splits the byte stream into messages and writes each reply (none for moreToCome). */
function serveConnection(socket: Socket, handle: (request: WireRequest) => Buffer | null): void {
  let pending: Buffer = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (let length = peekMessageLength(pending); length !== null && pending.length >= length; length = peekMessageLength(pending)) {
      if (length < 16 || length > MAX_MESSAGE_BYTES) {
        socket.destroy();
        return;
      }
      const message = pending.subarray(0, length);
      pending = pending.subarray(length);
      try {
        const reply = handle(parseMessage(message));
        if (reply) socket.write(reply);
      } catch {
        socket.destroy(); // a message we cannot parse or answer: the stream is not trustworthy
        return;
      }
    }
  });
}

function answer(session: Session, request: WireRequest, requestId: number): Buffer | null {
  const { header } = request;
  if (request.kind === 'msg') {
    const reply = runCommand(session, request.command);
    return request.flags & MORE_TO_COME ? null : encodeOpMsg(requestId, header.requestId, reply);
  }
  if (request.kind === 'query') {
    // MongoDB ≥ 5.1 accepts OP_QUERY only for the handshake; the driver switches to OP_MSG after.
    const command: Document = request.query.$query ?? request.query;
    const name = Object.keys(command)[0];
    const reply =
      request.namespace.endsWith('.$cmd') && HANDSHAKE_COMMANDS.has(name)
        ? runCommand(session, { ...command, $db: request.namespace.split('.')[0] })
        : new CommandError(352, 'UnsupportedOpQueryCommand', `Unsupported OP_QUERY command: ${name}`).toReply();
    return encodeOpReply(requestId, header.requestId, reply);
  }
  throw new Error(`unsupported opcode ${header.opCode}`); // legacy OP_INSERT etc., OP_COMPRESSED
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function close(server: Server, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });
}
