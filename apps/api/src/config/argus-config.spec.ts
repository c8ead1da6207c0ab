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

describe('loadConfig: recognition', () => {
  it('is on by default, with the model’s own threshold and a 300 s identity cooldown', () => {
    expect(loadConfig({})).toMatchObject({ recognition: true, recognitionThreshold: null, identityCooldownMs: 300_000 });
    expect(loadConfig({ RECOGNITION: '', RECOGNITION_THRESHOLD: '', IDENTITY_COOLDOWN_S: '' })).toMatchObject({
      recognition: true,
      recognitionThreshold: null,
      identityCooldownMs: 300_000,
    });
  });

  it('takes on or off, a threshold from 0 to 1 and a cooldown from 0 to 86400 s', () => {
    expect(loadConfig({ RECOGNITION: 'off' }).recognition).toBe(false);
    expect(loadConfig({ RECOGNITION: 'on' }).recognition).toBe(true);
    expect(loadConfig({ RECOGNITION_THRESHOLD: '0.42' }).recognitionThreshold).toBe(0.42);
    expect(loadConfig({ RECOGNITION_THRESHOLD: '0' }).recognitionThreshold).toBe(0);
    expect(loadConfig({ RECOGNITION_THRESHOLD: '1' }).recognitionThreshold).toBe(1);
    expect(loadConfig({ IDENTITY_COOLDOWN_S: '0' }).identityCooldownMs).toBe(0);
    expect(loadConfig({ IDENTITY_COOLDOWN_S: '86400' }).identityCooldownMs).toBe(86_400_000);
  });

  it('refuses malformed values at start-up, naming the variable', () => {
    expect(() => loadConfig({ RECOGNITION: 'yes' })).toThrow('RECOGNITION must be one of on, off (got "yes")');
    for (const wrong of ['high', '1.5', '-0.1', 'NaN', '0,4', ' 0.4', '0x1']) {
      expect(() => loadConfig({ RECOGNITION_THRESHOLD: wrong })).toThrow(`RECOGNITION_THRESHOLD must be a number from 0 to 1 (got "${wrong}")`);
    }
    for (const wrong of ['-1', '86401', '2.5', 'soon']) {
      expect(() => loadConfig({ IDENTITY_COOLDOWN_S: wrong })).toThrow(`IDENTITY_COOLDOWN_S must be an integer from 0 to 86400 (got "${wrong}")`);
    }
  });
});

describe('loadConfig: object detection', () => {
  it('runs objects at most 2 frames a second per camera by default; OBJECT_FPS from 0.1 to 30', () => {
    expect(loadConfig({}).objectFps).toBe(2);
    expect(loadConfig({ OBJECT_FPS: '' }).objectFps).toBe(2);
    expect(loadConfig({ OBJECT_FPS: '0.5' }).objectFps).toBe(0.5);
    expect(loadConfig({ OBJECT_FPS: '30' }).objectFps).toBe(30);
  });

  it('refuses a rate out of range or malformed at start-up, naming the variable', () => {
    for (const bad of ['0', '31', 'fast', '-1', '1e1']) {
      expect(() => loadConfig({ OBJECT_FPS: bad })).toThrow(`OBJECT_FPS must be a number from 0.1 to 30 (got "${bad}")`);
    }
  });
});
