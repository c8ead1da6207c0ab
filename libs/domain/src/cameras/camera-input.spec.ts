import { ValidationError } from '../shared/errors';
import { toCameraView, type Camera } from './camera';
import { keepStoredPassword, parseCameraInput, parseOptionalBoolean } from './camera-input';
import { RtspUrl } from './rtsp-url';

function problems(input: Parameters<typeof parseCameraInput>[0]): string[] | undefined {
  try {
    parseCameraInput(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).details;
  }
  throw new Error('input accepted');
}

describe('parseCameraInput', () => {
  it('trims texts and keeps optional fields undefined when absent', () => {
    const valid = parseCameraInput({ name: '  Gate ', location: ' North ', rtspUrl: 'rtsp://h/x' });
    expect(valid).toEqual({
      name: 'Gate',
      location: 'North',
      rtspUrl: expect.any(RtspUrl),
      enabled: undefined,
      detectionEnabled: undefined,
      fps: undefined,
      zones: undefined,
    });
    expect(valid.rtspUrl.toString()).toBe('rtsp://h/x');
  });

  it('accepts an empty location and the optional switches', () => {
    expect(parseCameraInput({ name: 'A', location: '', rtspUrl: 'rtsp://h/x', enabled: false, detectionEnabled: true, fps: 30 })).toMatchObject({
      location: '',
      enabled: false,
      detectionEnabled: true,
      fps: 30,
    });
  });

  it('collects every problem in one error', () => {
    const input = { name: '   ', location: 'x'.repeat(201), rtspUrl: 'file:///etc/passwd', enabled: 'yes', detectionEnabled: 1, fps: 0 };
    expect(problems(input)).toEqual([
      'name must be 1–100 characters',
      'location must be at most 200 characters',
      'rtspUrl must start with rtsp:// or rtsps://',
      'enabled must be a boolean',
      'detectionEnabled must be a boolean',
      'fps must be an integer from 1 to 30',
    ]);
    expect(() => parseCameraInput(input)).toThrow(/^name must be 1–100 characters; location must be/);
  });

  it('rejects objects where strings belong', () => {
    expect(problems({ name: { $gt: '' }, location: ['a'], rtspUrl: { $ne: null } })).toEqual([
      'name must be a string',
      'location must be a string',
      'rtspUrl must be a string',
    ]);
  });

  it('takes zones, and lists each bad zone among the other problems', () => {
    const points = [[0, 0], [1, 0], [1, 1]];
    expect(parseCameraInput({ name: 'A', location: '', rtspUrl: 'rtsp://h/x', zones: [{ name: 'Door', kind: 'zone', points }] }).zones).toEqual([
      { name: 'Door', kind: 'zone', points },
    ]);
    expect(problems({ name: '', location: '', rtspUrl: 'rtsp://h/x', zones: [{ name: 'a', kind: 'fence', points: [[0, 2], [1, 0], [1, 1]] }] })).toEqual([
      'name must be 1–100 characters',
      'zones[0].kind must be "mask" or "zone"',
      'zones[0].points[0] must have x and y from 0 to 1 (fractions of the frame)',
    ]);
    expect(problems({ name: 'A', location: '', rtspUrl: 'rtsp://h/x', zones: null })).toEqual(['zones must be an array of { name, kind, points }']);
  });

  it('treats an explicit null fps as invalid, not as "absent"', () => {
    expect(problems({ name: 'A', location: '', rtspUrl: 'rtsp://h/x', fps: null })).toEqual(['fps must be an integer from 1 to 30']);
  });
});

describe('parseOptionalBoolean', () => {
  it('passes booleans and undefined, rejects the rest', () => {
    expect(parseOptionalBoolean('f', true)).toBe(true);
    expect(parseOptionalBoolean('f', false)).toBe(false);
    expect(parseOptionalBoolean('f', undefined)).toBeUndefined();
    expect(() => parseOptionalBoolean('f', 'true')).toThrow(new ValidationError('f must be a boolean'));
    expect(() => parseOptionalBoolean('f', null)).toThrow(new ValidationError('f must be a boolean'));
  });
});

describe('keepStoredPassword', () => {
  const stored = 'rtsp://admin:s3cret@10.0.0.2/live';

  it('keeps the stored password when the masked URL comes back unchanged', () => {
    expect(keepStoredPassword(RtspUrl.parse('rtsp://admin:***@10.0.0.2/live'), stored)).toBe(stored);
  });

  it('keeps a stored password that holds a raw "@"', () => {
    const withAt = 'rtsp://admin:p@ss@10.0.0.2/live';
    expect(keepStoredPassword(RtspUrl.parse('rtsp://admin:***@10.0.0.2/live'), withAt)).toBe(withAt);
  });

  it('takes a new password as given', () => {
    expect(keepStoredPassword(RtspUrl.parse('rtsp://admin:n3w@10.0.0.2/live'), stored)).toBe('rtsp://admin:n3w@10.0.0.2/live');
  });

  it('takes a URL without credentials as given', () => {
    expect(keepStoredPassword(RtspUrl.parse('rtsp://10.0.0.2/live'), stored)).toBe('rtsp://10.0.0.2/live');
  });

  it('does not carry the stored password to a different address', () => {
    expect(keepStoredPassword(RtspUrl.parse('rtsp://admin:***@evil.example/live'), stored)).toBe('rtsp://admin:***@evil.example/live');
  });
});

describe('toCameraView', () => {
  const camera: Camera = {
    id: 'c1',
    name: 'Gate',
    location: 'North',
    rtspUrl: 'rtsp://admin:s3cret@10.0.0.2/live',
    enabled: true,
    detectionEnabled: false,
    fps: 12,
    status: 'error',
    lastError: 'connection refused',
    ownerId: 'u1',
    viewerIds: ['u2'],
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-02T00:00:00Z'),
  };

  it('masks the password, carries the error and, when asked, the viewers', () => {
    expect(toCameraView(camera, { includeViewers: true })).toEqual({
      id: 'c1',
      name: 'Gate',
      location: 'North',
      rtspUrl: 'rtsp://admin:***@10.0.0.2/live',
      enabled: true,
      detectionEnabled: false,
      fps: 12,
      status: 'error',
      error: 'connection refused',
      ownerId: 'u1',
      viewerIds: ['u2'],
      zones: [],
      objects: [],
      recording: { mode: 'events', preSeconds: 5, postSeconds: 10 },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
  });

  it('carries the zones, as a copy', () => {
    const zones = [{ name: 'Door', kind: 'zone' as const, points: [[0, 0], [1, 0], [1, 1]] as [number, number][] }];
    const view = toCameraView({ ...camera, zones }, { includeViewers: false });
    expect(view.zones).toEqual(zones);
    view.zones[0].points[0][0] = 0.5;
    expect(zones[0].points[0][0]).toBe(0);
  });

  it('masks the detection stream too and shows placement only when set', () => {
    const view = toCameraView({ ...camera, detectRtspUrl: 'rtsp://admin:s3cret@10.0.0.2/sub', workerLabel: 'north', node: 'w-1' }, { includeViewers: false });
    expect(view).toMatchObject({ detectRtspUrl: 'rtsp://admin:***@10.0.0.2/sub', workerLabel: 'north', node: 'w-1' });
    expect(JSON.stringify(view)).not.toContain('s3cret');
  });

  it('hides the viewers list and a stale error', () => {
    const view = toCameraView({ ...camera, status: 'stopped' }, { includeViewers: false });
    expect(view).not.toHaveProperty('viewerIds');
    expect(view).not.toHaveProperty('error');
    expect(JSON.stringify(view)).not.toContain('s3cret');
  });
});
