import { DEFAULT_DETECTOR_SETTINGS, detectionThreadsFromEnv, detectorSettingsFromEnv } from './settings';
import { chooseTfjsBackend } from './model/tfjs-backend';

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
    ['DETECTION_ENGINE', 'gpu'],
    ['DETECTION_MIN_SCORE', '1.5'],
    ['DETECTION_MIN_SCORE', 'high'],
    ['DETECTION_TILING', 'yes'],
    ['TFJS_BACKEND', 'webgl'],
  ])('rejects %s=%s', (name, value) => {
    expect(() => detectorSettingsFromEnv({ [name]: value })).toThrow(name);
  });
});

describe('detectionThreadsFromEnv', () => {
  it('defaults to cores − 1, at least 1', () => {
    expect(detectionThreadsFromEnv({}, 8)).toBe(7);
    expect(detectionThreadsFromEnv({}, 2)).toBe(1);
    expect(detectionThreadsFromEnv({}, 1)).toBe(1);
  });

  it('takes DETECTION_THREADS and rejects nonsense', () => {
    expect(detectionThreadsFromEnv({ DETECTION_THREADS: '3' }, 2)).toBe(3);
    expect(() => detectionThreadsFromEnv({ DETECTION_THREADS: '0' })).toThrow(/DETECTION_THREADS/);
    expect(() => detectionThreadsFromEnv({ DETECTION_THREADS: '1.5' })).toThrow(/DETECTION_THREADS/);
  });
});

describe('chooseTfjsBackend', () => {
  it('honours TFJS_BACKEND and falls back to wasm without tfjs-node', () => {
    expect(chooseTfjsBackend('cpu')).toBe('cpu');
    expect(chooseTfjsBackend(undefined)).toBe('wasm'); // @tensorflow/tfjs-node is not installed here
    expect(() => chooseTfjsBackend('webgpu')).toThrow(/TFJS_BACKEND/);
  });
});
