import { isMediaPrefix } from '@argus/domain';
import type { S3Settings } from '@argus/adapters/media-store/s3-bucket';
import type { Env } from './env-values';

/** MEDIA_STORE and the S3_* settings: where snapshots, clips and face crops go. */
export type MediaStoreSettings = { kind: 'file' } | ({ kind: 's3' } & S3Settings);

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function mediaStoreSettingsFromEnv(env: Env): MediaStoreSettings {
  const raw = env['MEDIA_STORE'];
  if (raw === undefined || raw === '' || raw === 'file') return { kind: 'file' };
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(raw);
  if (!match) throw new Error(`MEDIA_STORE must be file or s3://bucket/prefix (got "${raw}")`);
  const [, bucket, rawPrefix = ''] = match;
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    throw new Error(`MEDIA_STORE names an invalid bucket "${bucket}": 3 to 63 lower-case letters, digits, dots and hyphens`);
  }
  const prefix = rawPrefix === '' || rawPrefix.endsWith('/') ? rawPrefix : `${rawPrefix}/`;
  if (!isMediaPrefix(prefix)) {
    throw new Error(`MEDIA_STORE has an invalid prefix "${rawPrefix}": folders of letters, digits, '.', '_' and '-', none starting with a dot`);
  }
  const endpoint = s3Endpoint(env['S3_ENDPOINT']);
  return {
    kind: 's3',
    bucket,
    prefix,
    endpoint,
    region: s3Region(env['S3_REGION']),
    credentials: s3Credentials(env['S3_ACCESS_KEY_ID'], env['S3_SECRET_ACCESS_KEY']),
    // Services other than AWS (MinIO, Ceph, Garage, s3rver) mostly want path-style addressing.
    forcePathStyle: trueOrFalse(env, 'S3_FORCE_PATH_STYLE', endpoint !== null),
  };
}

function s3Endpoint(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  let url: URL | null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname || url.username || url.password) {
    throw new Error(`S3_ENDPOINT must be an http:// or https:// URL without credentials, e.g. http://minio:9000 (got "${url?.username || url?.password ? 'a URL with credentials' : raw}")`);
  }
  return raw;
}

function s3Region(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'us-east-1';
  if (/^[a-z0-9-]{1,40}$/.test(raw)) return raw;
  throw new Error(`S3_REGION must be a region name such as us-east-1 or eu-west-3 (got "${raw}")`);
}

function s3Credentials(id: string | undefined, secret: string | undefined): S3Settings['credentials'] {
  if (!id && !secret) return null; // the AWS SDK's own chain: AWS_* variables, instance or task role
  if (!id || !secret) throw new Error('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS SDK’s default credentials');
  return { accessKeyId: id, secretAccessKey: secret };
}

function trueOrFalse(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new Error(`${name} must be true or false (got "${raw}")`);
}
