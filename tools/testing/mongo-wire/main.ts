// `npm run mongo:test-double -- --port N`: the MongoDB wire-protocol test double as a process, for
// trying MONGODB_URI (and cluster mode) on a machine without MongoDB. A test tool, not a database:
// data lives in memory and is gone when it stops. Loopback only.
import { startMongoWireServer } from './server';

export const MONGO_TEST_DOUBLE_USAGE = `usage: npm run mongo:test-double -- [--port N]
  --port N   TCP port on 127.0.0.1 (default 27017; 0 picks a free one)

A MongoDB wire-protocol TEST DOUBLE (not a database): enough of the protocol for Argus's MongoDB
adapter, data in memory only, gone when it stops. Prints the MONGODB_URI to use.`;

/** Parses the command line; throws with a message for anything else. */
export function parseMongoTestDoubleArgs(argv: string[]): { port: number; help: boolean } {
  let port = 27017;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const raw = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      if (raw === undefined || !/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new Error(`--port: expected a port number 0-65535, got "${raw ?? ''}"`);
      port = Number(raw);
    } else throw new Error(`unknown argument "${arg}"`);
  }
  return { port, help };
}

async function main(argv: string[]): Promise<number> {
  let args: { port: number; help: boolean };
  try {
    args = parseMongoTestDoubleArgs(argv);
  } catch (error) {
    process.stderr.write(`mongo:test-double: ${(error as Error).message}\n${MONGO_TEST_DOUBLE_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${MONGO_TEST_DOUBLE_USAGE}\n`);
    return 0;
  }
  const server = await startMongoWireServer({ port: args.port });
  process.stdout.write(`${server.uri}argus\n`);
  process.stderr.write('mongo:test-double: a MongoDB wire-protocol test double, not a database (data in memory only); Ctrl+C to stop\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop();
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`mongo:test-double: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
