import { loadConfig } from './argus-config';

describe('loadConfig: MEDIAMTX_PUBLISH', () => {
  it('defaults to passthrough, also when empty', () => {
    expect(loadConfig({}).mediamtxPublish).toBe('passthrough');
    expect(loadConfig({ MEDIAMTX_URL: 'rtsp://mediamtx:8554', MEDIAMTX_PUBLISH: '' }).mediamtxPublish).toBe('passthrough');
  });

  it('takes passthrough or boxes', () => {
    expect(loadConfig({ MEDIAMTX_PUBLISH: 'passthrough' }).mediamtxPublish).toBe('passthrough');
    expect(loadConfig({ MEDIAMTX_URL: 'rtsp://mediamtx:8554', MEDIAMTX_PUBLISH: 'boxes' }).mediamtxPublish).toBe('boxes');
  });

  it('refuses anything else at start-up, naming the variable and the allowed values', () => {
    for (const wrong of ['Boxes', 'box', 'overlay', ' boxes']) {
      expect(() => loadConfig({ MEDIAMTX_PUBLISH: wrong })).toThrow(`MEDIAMTX_PUBLISH must be one of passthrough, boxes (got "${wrong}")`);
    }
  });
});

describe('loadConfig: ffmpeg', () => {
  it('takes FFMPEG_PATH, and PATH to search when it is not set', () => {
    expect(loadConfig({ PATH: '/usr/bin:/bin' })).toMatchObject({ ffmpegPath: null, ffmpegSearchPath: '/usr/bin:/bin' });
    expect(loadConfig({ FFMPEG_PATH: '/opt/ffmpeg', PATH: '' })).toMatchObject({ ffmpegPath: '/opt/ffmpeg', ffmpegSearchPath: '' });
    expect(loadConfig({}).ffmpegSearchPath).toBe('');
  });
});
