import { argusContainerEnv } from '@argus/tools/deploy/container-files';
import { loadConfig } from '@argus/config';

// The argus service of docker-compose.yml, as a container would start: the image's ENV overlaid by
// the service's environment, interpolated with the user's shell / .env values.
describe('configuration of the argus container (Dockerfile + docker-compose.yml)', () => {
  it('loads with nothing set by the user: MongoDB and MediaMTX services, data volume, all interfaces', () => {
    const config = loadConfig(argusContainerEnv());
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 4000,
      dataDir: '/data',
      mongodbUri: 'mongodb://mongo:27017/argus',
      mediamtxUrl: 'rtsp://mediamtx:8554',
      mediamtxWebrtcUrl: 'http://localhost:8889',
      mediamtxPublish: 'passthrough',
      ffmpegPath: '/usr/local/bin/ffmpeg',
      databaseWaitMs: 120_000,
      webrtcUdpPorts: [40000, 40100],
      jwtSecret: null,
      adminUsername: 'admin',
      adminPassword: null,
      metricsToken: null,
      logLevel: 'info',
    });
  });

  it('takes the user settings the compose file passes on', () => {
    const config = loadConfig(
      argusContainerEnv({ MEDIAMTX_URL: '', MEDIAMTX_PUBLISH: 'boxes', ADMIN_PASSWORD: 'chosen-password', METRICS_TOKEN: 'scrape-token', DEFAULT_FPS: '5', CORS_ORIGINS: 'https://nvr.example' }),
    );
    expect(config).toMatchObject({
      mediamtxUrl: null, // empty: the embedded gateway
      mediamtxPublish: 'boxes',
      adminPassword: 'chosen-password',
      metricsToken: 'scrape-token',
      defaultFps: 5,
      corsOrigins: ['https://nvr.example'],
    });
  });

  it('refuses a bad value passed through the compose file at start-up', () => {
    expect(() => loadConfig(argusContainerEnv({ MEDIAMTX_PUBLISH: 'sideways' }))).toThrow(/MEDIAMTX_PUBLISH/);
    expect(() => loadConfig(argusContainerEnv({ DEFAULT_FPS: '99' }))).toThrow(/DEFAULT_FPS/);
  });
});
