import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CameraCredentials } from './rtsp-server';

export interface PathSpec {
  name: string;
  /** 'faces', 'empty' (the generated clips) or the path of an Annex B .h264 file. */
  source: string;
}

export interface CameraSimArgs {
  port: number;
  host: string;
  paths: PathSpec[];
  clipsDir: string;
  auth?: CameraCredentials;
  help: boolean;
}

export const USAGE = `usage: npm run camera-sim -- [--port 8554] [--host 127.0.0.1] [--paths faces,empty] [--clips DIR]
                          [--auth USER:PASSWORD] [--auth-scheme any|basic|digest]
  --paths        comma-separated NAME[=SOURCE]; SOURCE is faces, empty or an Annex B .h264 file.
                 A NAME alone serves the faces clip (or the face-free one if the name is "empty").
  --clips        where generated clips are cached (default: $DATA_DIR/sim, DATA_DIR defaults to ./data)
  --auth         require these credentials (clients use rtsp://USER:PASSWORD@host/path)
  --auth-scheme  which challenge to send (default any: Digest and Basic)`;

function parsePaths(value: string): PathSpec[] {
  const specs = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .map((item) => {
      const [name, source] = item.split('=', 2).map((part) => part.trim());
      // URL path segments; '.' and '..' would be folded away by URL parsing.
      const valid = /^[\w.-]+(\/[\w.-]+)*$/.test(name) && !name.split('/').some((segment) => /^\.+$/.test(segment));
      if (!valid) throw new Error(`--paths: "${name}" is not a valid path name`);
      return { name, source: source || (name === 'empty' ? 'empty' : 'faces') };
    });
  if (specs.length === 0) throw new Error('--paths: no path given');
  return specs;
}

function parseAuth(value: string | undefined, scheme: string | undefined): CameraCredentials | undefined {
  if (value === undefined) return undefined;
  const colon = value.indexOf(':');
  if (colon <= 0) throw new Error('--auth: expected USER:PASSWORD');
  if (scheme !== undefined && !['any', 'basic', 'digest'].includes(scheme)) throw new Error('--auth-scheme: any, basic or digest');
  return { username: value.slice(0, colon), password: value.slice(colon + 1), scheme: (scheme ?? 'any') as CameraCredentials['scheme'] };
}

/** Parses the CLI arguments; throws with a message on anything it does not understand. */
export function parseCameraSimArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CameraSimArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8554' },
      host: { type: 'string', default: '127.0.0.1' },
      paths: { type: 'string', default: 'faces,empty' },
      clips: { type: 'string' },
      auth: { type: 'string' },
      'auth-scheme': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port}: expected 0–65535`);
  return {
    port,
    host: values.host as string,
    paths: parsePaths(values.paths as string),
    clipsDir: resolve(values.clips ?? resolve(env['DATA_DIR'] || './data', 'sim')),
    auth: parseAuth(values.auth, values['auth-scheme']),
    help: values.help === true,
  };
}
