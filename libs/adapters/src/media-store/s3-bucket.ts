import { createReadStream } from 'node:fs';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { UnsatisfiableRangeError, type ByteRange, type MediaContent, type MediaListing, type MediaObjectInfo } from '@argus/domain';

/** Where the media goes: any S3-compatible service (AWS, MinIO, Ceph, Garage, R2, ...). */
export interface S3Settings {
  bucket: string;
  /** Folder inside the bucket, `''` or ending in `/`. */
  prefix: string;
  /** null: AWS itself. */
  endpoint: string | null;
  region: string;
  /** null: the AWS SDK's own chain (AWS_* variables, instance role, ...). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  forcePathStyle: boolean;
  /** How long to wait for a connection before counting the service as unreachable. */
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
}

const ignore = () => undefined;
const QUIET = { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore };

/** The S3 calls the media store makes, on keys relative to the configured prefix. */
export class S3Bucket {
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint ?? undefined,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials ?? undefined,
      // Checksums only where S3 requires them: with a streamed body the SDK would otherwise send
      // aws-chunked trailers, which several S3-compatible services store as part of the object.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // One retry inside the SDK; beyond that the spool takes over.
      maxAttempts: 2,
      // Failures reach Argus's own log through the store (once per outage), not the console per retry.
      logger: QUIET,
      requestHandler: { connectionTimeout: settings.connectTimeoutMs ?? 3000, requestTimeout: settings.requestTimeoutMs ?? 60_000 },
    });
  }

  /** `bucket/prefix` on `endpoint` (no credentials), for logs and health. */
  describe(): string {
    return `s3://${this.settings.bucket}/${this.settings.prefix}${this.settings.endpoint ? ` on ${this.settings.endpoint}` : ''}`;
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }));
  }

  async put(key: string, body: Uint8Array | { file: string; size: number }, contentType: string): Promise<void> {
    const isBytes = body instanceof Uint8Array;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.full(key),
        Body: isBytes ? body : createReadStream(body.file),
        ContentLength: isBytes ? body.byteLength : body.size,
        ContentType: contentType,
      }),
    );
  }

  async get(key: string, range?: ByteRange): Promise<MediaContent | null> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.full(key), Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined }),
      );
      const length = answer.ContentLength ?? 0;
      const total = /\/(\d+)$/.exec(answer.ContentRange ?? '')?.[1];
      const size = total ? Number(total) : length;
      const start = range ? range.start : 0;
      const info = { key, size, contentType: answer.ContentType ?? 'application/octet-stream', lastModified: answer.LastModified?.getTime() ?? 0 };
      return { ...info, range: { start, end: start + length - 1 }, body: answer.Body as AsyncIterable<Uint8Array> };
    } catch (error) {
      if (isNotFound(error)) return null;
      if (statusOf(error) === 416) throw new UnsatisfiableRangeError((await this.head(key))?.size ?? 0);
      throw error;
    }
  }

  async head(key: string): Promise<MediaObjectInfo | null> {
    try {
      const answer = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.full(key) }));
      return { key, size: answer.ContentLength ?? 0, contentType: answer.ContentType ?? 'application/octet-stream', lastModified: answer.LastModified?.getTime() ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.full(key) }));
  }

  async deletePrefix(prefix: string): Promise<void> {
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const objects = batch.map((key) => ({ Key: this.full(key) }));
      batch = [];
      const answer = await this.client.send(new DeleteObjectsCommand({ Bucket: this.settings.bucket, Delete: { Objects: objects, Quiet: true } }));
      if (answer.Errors?.length) throw new Error(`S3 refused to delete ${answer.Errors.length} object(s): ${answer.Errors[0].Code ?? ''} ${answer.Errors[0].Message ?? ''}`);
    };
    for await (const item of this.list(prefix)) {
      batch.push(item.key);
      if (batch.length === 1000) await flush();
    }
    await flush();
  }

  async *list(prefix: string): AsyncIterable<MediaListing> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: this.full(prefix), ContinuationToken: token }),
      );
      for (const item of page.Contents ?? []) {
        if (!item.Key) continue;
        yield { key: item.Key.slice(this.settings.prefix.length), size: item.Size ?? 0, lastModified: item.LastModified?.getTime() ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  close(): void {
    this.client.destroy();
  }

  private full(key: string): string {
    return this.settings.prefix + key;
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name !== 'NoSuchBucket' && (name === 'NoSuchKey' || name === 'NotFound' || statusOf(error) === 404);
}

/** The first line of an S3 error, without anything secret (the SDK never puts credentials in messages). */
export function s3ErrorText(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string };
  const text = `${e?.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e?.message || e?.code || String(error)}`;
  return text.split('\n')[0].slice(0, 300);
}
