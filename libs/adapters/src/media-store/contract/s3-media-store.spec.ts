import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3RVER_CREDENTIALS, startS3TestServer, type S3TestServer } from '@argus/tools/testing/s3/s3-test-server';
import { S3Bucket } from '../s3-bucket';
import { S3MediaStore } from '../s3-media-store';
import { describeMediaStoreContract } from './media-store.contract';

// s3rver: an S3 test double from npm, started here on a free loopback port.
let s3: S3TestServer;
let run = 0;
beforeAll(async () => {
  s3 = await startS3TestServer();
});
afterAll(() => s3?.close());

describeMediaStoreContract('s3 (s3rver)', async () => {
  const spool = mkdtempSync(join(tmpdir(), 'argus-spool-'));
  const bucket = new S3Bucket({
    bucket: s3.bucket,
    prefix: `run-${process.pid}-${++run}/`,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    credentials: S3RVER_CREDENTIALS,
    forcePathStyle: true,
  });
  const store = await S3MediaStore.open(bucket, spool);
  return {
    store,
    dispose: async () => {
      expect(store.status()).toEqual({ kind: 's3', up: true, spooled: 0 }); // every write reached S3 directly
      await store.close();
      rmSync(spool, { recursive: true, force: true });
    },
  };
});
