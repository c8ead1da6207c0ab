import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { freePort } from '../free-port';

interface S3rverOptions {
  port: number;
  address: string;
  directory: string;
  silent: boolean;
  configureBuckets: Array<{ name: string; configs: string[] }>;
}
interface S3rverServer {
  run(): Promise<unknown>;
  close(): Promise<unknown>;
}
// s3rver ships no type declarations: its class, as much of it as these tests use.
const S3rver = createRequire(__filename)('s3rver') as new (options: S3rverOptions) => S3rverServer;

/** The access key s3rver accepts (it checks signatures made with it). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3TestServer {
  endpoint: string;
  port: number;
  bucket: string;
  /** Stops answering (the port closes); the stored objects stay for `start`. */
  stop(): Promise<void>;
  /** Starts again on the same port and folder (nothing when it runs). */
  start(): Promise<void>;
  /** Stops and removes the folder. */
  close(): Promise<void>;
}

/**
 * s3rver, an S3 test double from npm (not a real S3 service), on a free loopback port with a
 * temporary folder and one bucket: what the media store's S3 tests run against.
 */
export async function startS3TestServer(bucket = 'argus-media'): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'argus-s3rver-'));
  const port = await freePort();
  let server: S3rverServer | null = null;
  const start = async () => {
    if (server) return;
    const next = new S3rver({ port, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
    await next.run();
    server = next;
  };
  const stop = async () => {
    const running = server;
    server = null;
    await running?.close();
  };
  await start();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    bucket,
    start,
    stop,
    close: async () => {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
