import { loadConfig } from './argus-config';

describe('loadConfig: media store', () => {
  it('keeps media in files under DATA_DIR by default', () => {
    expect(loadConfig({}).mediaStore).toEqual({ kind: 'file' });
    expect(loadConfig({ MEDIA_STORE: '' }).mediaStore).toEqual({ kind: 'file' });
    expect(loadConfig({ MEDIA_STORE: 'file' }).mediaStore).toEqual({ kind: 'file' });
  });

  it('takes an S3 bucket with a prefix, an endpoint, a region and keys; path style by default with an endpoint', () => {
    const env = { MEDIA_STORE: 's3://argus-media/site-a/prod', S3_ENDPOINT: 'http://minio:9000', S3_REGION: 'eu-west-3', S3_ACCESS_KEY_ID: 'argus', S3_SECRET_ACCESS_KEY: 's3cret-s3cret' };
    expect(loadConfig(env).mediaStore).toEqual({
      kind: 's3',
      bucket: 'argus-media',
      prefix: 'site-a/prod/',
      endpoint: 'http://minio:9000',
      region: 'eu-west-3',
      credentials: { accessKeyId: 'argus', secretAccessKey: 's3cret-s3cret' },
      forcePathStyle: true,
    });
    expect(loadConfig({ ...env, S3_FORCE_PATH_STYLE: 'false' }).mediaStore).toMatchObject({ forcePathStyle: false });
  });

  it('on AWS itself: no endpoint, virtual-host addressing, us-east-1 and the SDK’s own credentials unless told', () => {
    expect(loadConfig({ MEDIA_STORE: 's3://my.bucket' }).mediaStore).toEqual({
      kind: 's3', bucket: 'my.bucket', prefix: '', endpoint: null, region: 'us-east-1', credentials: null, forcePathStyle: false,
    });
    expect(loadConfig({ MEDIA_STORE: 's3://bucket1/', S3_FORCE_PATH_STYLE: 'true' }).mediaStore).toMatchObject({ prefix: '', forcePathStyle: true });
  });

  it('refuses malformed values at start-up, naming the variable and never echoing a secret', () => {
    expect(() => loadConfig({ MEDIA_STORE: 'disk' })).toThrow('MEDIA_STORE must be file or s3://bucket/prefix (got "disk")');
    expect(() => loadConfig({ MEDIA_STORE: 'S3://bucket' })).toThrow('MEDIA_STORE must be file or s3://bucket/prefix');
    expect(() => loadConfig({ MEDIA_STORE: 's3://' })).toThrow('MEDIA_STORE names an invalid bucket ""');
    expect(() => loadConfig({ MEDIA_STORE: 's3://My_Bucket/x' })).toThrow('MEDIA_STORE names an invalid bucket "My_Bucket"');
    expect(() => loadConfig({ MEDIA_STORE: 's3://ab' })).toThrow(/invalid bucket "ab"/);
    for (const prefix of ['../up', 'a//b', '.hidden/x', 'a b', 'a/../b']) {
      expect(() => loadConfig({ MEDIA_STORE: `s3://bucket/${prefix}` })).toThrow(`MEDIA_STORE has an invalid prefix "${prefix}"`);
    }
    const s3 = { MEDIA_STORE: 's3://bucket' };
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'minio:9000' })).toThrow('S3_ENDPOINT must be an http:// or https:// URL without credentials, e.g. http://minio:9000 (got "minio:9000")');
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'ftp://minio' })).toThrow(/S3_ENDPOINT must be/);
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'http://key:hunter2@minio:9000' })).toThrow(/^(?!.*hunter2)S3_ENDPOINT must be .*\(got "a URL with credentials"\)$/);
    expect(() => loadConfig({ ...s3, S3_REGION: 'EU West' })).toThrow('S3_REGION must be a region name such as us-east-1 or eu-west-3 (got "EU West")');
    expect(() => loadConfig({ ...s3, S3_ACCESS_KEY_ID: 'argus' })).toThrow('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
    expect(() => loadConfig({ ...s3, S3_SECRET_ACCESS_KEY: 'hunter2' })).toThrow(/^(?!.*hunter2)S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/);
    expect(() => loadConfig({ ...s3, S3_FORCE_PATH_STYLE: 'yes' })).toThrow('S3_FORCE_PATH_STYLE must be true or false (got "yes")');
  });
});
