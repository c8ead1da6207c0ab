import { resolve } from 'node:path';
import { loadConfig } from './argus-config';

describe('loadConfig: recording', () => {
  it('records under DATA_DIR/recordings, keeps continuous 3 days and clips 30, and keeps 10 % of the disk free', () => {
    expect(loadConfig({ DATA_DIR: '/srv/argus' }).recordings).toEqual({ dir: resolve('/srv/argus/recordings'), retainContinuousDays: 3, retainEventsDays: 30, maxBytes: null });
  });

  it('takes RECORDINGS_DIR, the retention days and a cap in GB', () => {
    const env = { RECORDINGS_DIR: '/mnt/video', RETAIN_CONTINUOUS_DAYS: '7', RETAIN_EVENTS_DAYS: '90', RECORDINGS_MAX_GB: '1.5' };
    expect(loadConfig(env).recordings).toEqual({ dir: '/mnt/video', retainContinuousDays: 7, retainEventsDays: 90, maxBytes: 1.5 * 1024 ** 3 });
  });

  it('refuses days and caps that are not positive numbers', () => {
    expect(() => loadConfig({ RETAIN_CONTINUOUS_DAYS: '0' })).toThrow(/RETAIN_CONTINUOUS_DAYS must be an integer from 1 to 3650/);
    expect(() => loadConfig({ RETAIN_EVENTS_DAYS: 'forever' })).toThrow(/RETAIN_EVENTS_DAYS/);
    expect(() => loadConfig({ RECORDINGS_MAX_GB: '-1' })).toThrow(/RECORDINGS_MAX_GB must be a number/);
    expect(() => loadConfig({ RECORDINGS_MAX_GB: '10GB' })).toThrow(/RECORDINGS_MAX_GB/);
  });
});
