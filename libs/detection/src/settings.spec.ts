import { defaultDetectionThreads } from './settings';
import { chooseTfjsBackend } from './model/tfjs-backend';

describe('defaultDetectionThreads', () => {
  it('is cores − 1, at least 1', () => {
    expect(defaultDetectionThreads(8)).toBe(7);
    expect(defaultDetectionThreads(2)).toBe(1);
    expect(defaultDetectionThreads(1)).toBe(1);
  });
});

describe('chooseTfjsBackend', () => {
  it('honours the requested backend and falls back to wasm without tfjs-node', () => {
    expect(chooseTfjsBackend('cpu')).toBe('cpu');
    expect(chooseTfjsBackend(undefined)).toBe('wasm'); // @tensorflow/tfjs-node is not installed here
    expect(() => chooseTfjsBackend('webgpu')).toThrow(/TFJS_BACKEND/);
  });
});
