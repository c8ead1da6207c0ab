import { ValidationError } from '../shared/errors';
import { parseObjectLabels, parseWorkerLabel, sameLabels } from './camera-objects';
import { DEFAULT_RECORDING, parseRecording, sameRecording } from './camera-recording';

describe('parseRecording', () => {
  it('keeps the current seconds for those left out', () => {
    expect(parseRecording({ mode: 'continuous' }, { mode: 'events', preSeconds: 3, postSeconds: 30 })).toEqual({ mode: 'continuous', preSeconds: 3, postSeconds: 30 });
    expect(parseRecording({ mode: 'off', postSeconds: 0 })).toEqual({ mode: 'off', preSeconds: DEFAULT_RECORDING.preSeconds, postSeconds: 0 });
  });

  it('names every problem at once', () => {
    try {
      parseRecording({ mode: 'x', preSeconds: 61, postSeconds: -1, more: 1 }, DEFAULT_RECORDING, '');
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).details).toEqual([
        'body has unknown fields: more',
        'mode must be one of "off", "events", "continuous"',
        'preSeconds must be a whole number of seconds from 0 to 60',
        'postSeconds must be a whole number of seconds from 0 to 300',
      ]);
    }
  });

  it('compares settings, reading a missing one as the default', () => {
    expect(sameRecording(undefined, { ...DEFAULT_RECORDING })).toBe(true);
    expect(sameRecording(undefined, { ...DEFAULT_RECORDING, postSeconds: 11 })).toBe(false);
  });
});

describe('parseObjectLabels and parseWorkerLabel', () => {
  it('keeps known labels once, in order', () => {
    expect(parseObjectLabels(['dog', 'car', 'dog'])).toEqual(['dog', 'car']);
    expect(() => parseObjectLabels(['dog', 'Dog'])).toThrow(/labels\[1\] "Dog" is not a label/);
    expect(() => parseObjectLabels(Array(81).fill('dog'))).toThrow(/at most 80/);
    expect(sameLabels(['car'], ['car'])).toBe(true);
    expect(sameLabels(undefined, ['car'])).toBe(false);
  });

  it('reads "" and null as no label, undefined as not given', () => {
    expect(parseWorkerLabel(undefined)).toBeUndefined();
    expect(parseWorkerLabel('')).toBeNull();
    expect(parseWorkerLabel(null)).toBeNull();
    expect(parseWorkerLabel(' site-north ')).toBe('site-north');
    expect(() => parseWorkerLabel('-x')).toThrow(ValidationError);
    expect(() => parseWorkerLabel('x'.repeat(65))).toThrow(ValidationError);
  });
});
