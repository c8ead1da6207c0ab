import { DEFAULT_DETECTOR_SETTINGS } from '@argus/detection';
import { loadConfig } from './argus-config';
import { detectionThreadsFromEnv, detectorSettingsFromEnv } from './detection-config';

describe('detectorSettingsFromEnv', () => {
  it('uses the evaluated defaults when nothing is set', () => {
    expect(detectorSettingsFromEnv({})).toEqual({ ...DEFAULT_DETECTOR_SETTINGS, tfjsBackend: undefined });
  });

  it('reads every variable', () => {
    const s = detectorSettingsFromEnv({
      DETECTION_ENGINE: 'tfjs',
      DETECTION_MODEL: 'short-range',
      DETECTION_MIN_SCORE: '0.42',
      DETECTION_TILING: 'off',
      TFJS_BACKEND: 'cpu',
    });
    expect(s).toMatchObject({ engine: 'tfjs', variant: 'short-range', minScore: 0.42, tiling: false, tfjsBackend: 'cpu' });
  });

  it.each([
    ['DETECTION_ENGINE', 'gpu', 'DETECTION_ENGINE=gpu is not one of onnx, tfjs'],
    ['DETECTION_MODEL', 'tiny', 'DETECTION_MODEL=tiny is not one of full-range, short-range'],
    ['DETECTION_MIN_SCORE', '1.5', 'DETECTION_MIN_SCORE=1.5 must be a number in [0, 1]'],
    ['DETECTION_MIN_SCORE', 'high', 'DETECTION_MIN_SCORE=high must be a number in [0, 1]'],
    ['DETECTION_TILING', 'yes', 'DETECTION_TILING=yes is not one of on, off'],
    ['TFJS_BACKEND', 'webgl', 'TFJS_BACKEND=webgl is not one of tensorflow, wasm, cpu'],
  ])('rejects %s=%s', (name, value, message) => {
    expect(() => detectorSettingsFromEnv({ [name]: value })).toThrow(message);
  });
});

describe('detectionThreadsFromEnv', () => {
  it('defaults to cores − 1, at least 1', () => {
    expect(detectionThreadsFromEnv({}, 8)).toBe(7);
    expect(detectionThreadsFromEnv({}, 2)).toBe(1);
    expect(detectionThreadsFromEnv({}, 1)).toBe(1);
  });

  it('takes DETECTION_THREADS from 1 to 64 and rejects anything else', () => {
    expect(detectionThreadsFromEnv({ DETECTION_THREADS: '3' }, 2)).toBe(3);
    expect(detectionThreadsFromEnv({ DETECTION_THREADS: '64' })).toBe(64);
    for (const wrong of ['0', '1.5', '65', 'many']) {
      expect(() => detectionThreadsFromEnv({ DETECTION_THREADS: wrong })).toThrow(`DETECTION_THREADS must be an integer from 1 to 64 (got "${wrong}")`);
    }
  });
});

describe('loadConfig: detection', () => {
  it('carries the detector settings and the pool size', () => {
    const config = loadConfig({ DETECTION_ENGINE: 'tfjs', DETECTION_THREADS: '2' });
    expect(config.detection).toMatchObject({ engine: 'tfjs', variant: 'full-range', tiling: true });
    expect(config.detectionThreads).toBe(2);
  });
});
