import { loadConfig } from './argus-config';

const cluster = {
  REDIS_URL: 'redis://redis:6379',
  MONGODB_URI: 'mongodb://mongo/argus',
  MEDIA_STORE: 's3://argus-media/argus',
  JWT_SECRET: 'a-shared-secret-0123456789',
  ARGUS_SECRET_KEY: 'a'.repeat(43) + '=',
};

describe('cluster settings', () => {
  it('is one process with no Redis by default', () => {
    expect(loadConfig({}).cluster).toMatchObject({ redisUrl: null, role: 'all', workerLabels: [], leaseMs: 10_000, publicHost: null, nodeUrl: 'http://127.0.0.1:4000' });
  });

  it('reads the role, labels, lease, public host and node address', () => {
    const config = loadConfig({ ...cluster, ARGUS_ROLE: 'worker', WORKER_LABELS: 'site-north, dock ,site-north', CAMERA_LEASE_S: '6', PUBLIC_HOST: '192.0.2.7', HOST: '10.0.0.5', PORT: '4100' });
    expect(config.cluster).toEqual({ redisUrl: 'redis://redis:6379', role: 'worker', workerLabels: ['site-north', 'dock'], leaseMs: 6000, publicHost: '192.0.2.7', nodeUrl: 'http://10.0.0.5:4100' });
    expect(loadConfig({ ...cluster, NODE_URL: 'http://worker-3:4000/' }).cluster.nodeUrl).toBe('http://worker-3:4000');
  });

  it('stops with a message naming what cluster mode lacks', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://r:6379' })).toThrow(
      'REDIS_URL is set (cluster mode), which also needs MONGODB_URI (one MongoDB for all nodes), MEDIA_STORE=s3://bucket/prefix (one media store for all nodes), JWT_SECRET (the same on every node), ARGUS_SECRET_KEY (the same on every node)',
    );
    expect(() => loadConfig({ ...cluster, MEDIA_STORE: 'file' })).toThrow(/needs MEDIA_STORE=s3:\/\/bucket\/prefix/);
    expect(() => loadConfig({ ARGUS_ROLE: 'api' })).toThrow('ARGUS_ROLE=api needs REDIS_URL: the roles split one installation over several processes');
  });

  it('refuses bad values with a clear message', () => {
    expect(() => loadConfig({ ...cluster, ARGUS_ROLE: 'boss' })).toThrow(/ARGUS_ROLE must be one of all, api, worker/);
    expect(() => loadConfig({ ...cluster, REDIS_URL: 'http://r' })).toThrow(/REDIS_URL must be a redis:\/\//);
    expect(() => loadConfig({ ...cluster, WORKER_LABELS: 'ok,no way' })).toThrow(/"no way" is not a label/);
    expect(() => loadConfig({ ...cluster, CAMERA_LEASE_S: '1' })).toThrow(/CAMERA_LEASE_S must be an integer from 3 to 600/);
    expect(() => loadConfig({ ...cluster, PUBLIC_HOST: 'a b' })).toThrow(/PUBLIC_HOST must be a host name/);
    expect(() => loadConfig({ ...cluster, NODE_URL: 'ftp://x' })).toThrow(/NODE_URL must be an http/);
  });
});
