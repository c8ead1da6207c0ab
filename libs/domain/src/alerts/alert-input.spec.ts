import { ValidationError } from '../shared/errors';
import { parseAlertMeta, parseSnapshotUrl, parseTimestamp } from './alert-input';

const TIMESTAMP_ERROR = new ValidationError('ts must be an ISO 8601 date or epoch milliseconds');

describe('parseTimestamp', () => {
  it.each([
    ['2026-03-04T05:06:07Z', '2026-03-04T05:06:07.000Z'],
    ['2026-03-04T05:06:07.123Z', '2026-03-04T05:06:07.123Z'],
    ['2026-03-04T05:06:07+02:00', '2026-03-04T03:06:07.000Z'],
    ['2026-03-04T05:06:07-0130', '2026-03-04T06:36:07.000Z'],
    ['2026-03-04 05:06:07Z', '2026-03-04T05:06:07.000Z'],
    ['2026-03-04', '2026-03-04T00:00:00.000Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
  ])('reads the ISO 8601 string %s', (input, iso) => {
    expect(parseTimestamp('ts', input).toISOString()).toBe(iso);
  });

  it('reads epoch milliseconds as a number or a digit string', () => {
    expect(parseTimestamp('ts', 1_767_225_600_000).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseTimestamp('ts', '1767225600000').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseTimestamp('ts', 0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(parseTimestamp('ts', '0').getTime()).toBe(0);
  });

  it.each([
    'yesterday',
    '',
    ' 2026-01-01',
    '2026-01-01T10:00:00Z; drop',
    '2026/01/01',
    '01-02-2026',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-02-30',
    '2025-02-29',
    '2026-04-31T10:00:00Z',
    '2026-01-01T25:00:00Z',
    '2026-01-01T::Z',
    '1767225600000.5',
    '-1',
    '1234567890123456',
    'Infinity',
  ])('rejects the string %j', (input) => {
    expect(() => parseTimestamp('ts', input)).toThrow(TIMESTAMP_ERROR);
  });

  it.each([NaN, Infinity, 1e20, null, undefined, true, {}, { $gt: '' }, ['2026-01-01'], new Date('2026-01-01')])(
    'rejects the value %p',
    (input) => {
      expect(() => parseTimestamp('ts', input)).toThrow(TIMESTAMP_ERROR);
    },
  );

  it('names the field in the message', () => {
    expect(() => parseTimestamp('from', 'x')).toThrow(new ValidationError('from must be an ISO 8601 date or epoch milliseconds'));
  });
});

describe('parseAlertMeta', () => {
  it('fills the defaults when meta is absent', () => {
    const defaults = { score: null, frameWidth: null, frameHeight: null, faces: 1 };
    expect(parseAlertMeta(undefined)).toEqual(defaults);
    expect(parseAlertMeta(null)).toEqual(defaults);
    expect(parseAlertMeta({})).toEqual(defaults);
  });

  it('keeps known fields and free-form extras', () => {
    expect(parseAlertMeta({ score: 0.87, frameWidth: 1920, frameHeight: 1080, faces: 3, trackId: 'T-1', tags: ['a', { b: 2 }] })).toEqual({
      score: 0.87,
      frameWidth: 1920,
      frameHeight: 1080,
      faces: 3,
      trackId: 'T-1',
      tags: ['a', { b: 2 }],
    });
  });

  it.each([
    [{ score: 1.5 }, 'meta.score must be a number from 0 to 1'],
    [{ score: '0.9' }, 'meta.score must be a number from 0 to 1'],
    [{ frameWidth: 0 }, 'meta.frameWidth must be a number from 1 to 100000'],
    [{ frameHeight: Infinity }, 'meta.frameHeight must be a number from 1 to 100000'],
    [{ faces: -1 }, 'meta.faces must be a number from 0 to 10000'],
  ])('validates the known field in %j', (meta, message) => {
    expect(() => parseAlertMeta(meta)).toThrow(new ValidationError(message));
  });

  it.each(['text', 5, true, [{ score: 1 }]])('rejects the non-object %p', (meta) => {
    expect(() => parseAlertMeta(meta)).toThrow(new ValidationError('meta must be an object'));
  });

  it.each([
    [{ $where: 'sleep(1000)' }, '$where'],
    [{ 'a.b': 1 }, 'a.b'],
    [{ nested: { $gt: '' } }, '$gt'],
    [{ nested: { deeper: { 'x.y': 1 } } }, 'x.y'],
    [{ list: [{ ok: 1 }, { $set: { role: 'admin' } }] }, '$set'],
    [{ a: { b: [{ $ne: null }] } }, '$ne'],
    [JSON.parse('{"__proto__": {"polluted": true}}'), '__proto__'],
  ])('rejects the operator or path key in %j', (meta, key) => {
    expect(() => parseAlertMeta(meta)).toThrow(new ValidationError(`meta key "${key}" is not allowed`));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('allows four levels of nesting and rejects deeper ones', () => {
    expect(parseAlertMeta({ a: { b: { c: { d: 1 } } } })['a']).toEqual({ b: { c: { d: 1 } } });
    expect(() => parseAlertMeta({ a: { b: { c: { d: { e: 1 } } } } })).toThrow(
      new ValidationError('meta must be nested at most 4 levels'),
    );
    expect(() => parseAlertMeta({ a: [[[[[1]]]]] })).toThrow(ValidationError);
  });

  it('limits the number of keys and the size', () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(parseAlertMeta(fifty))).toHaveLength(54);
    const tooMany = { ...fifty, k50: 50 };
    const sizeError = new ValidationError('meta must have at most 50 keys and 8192 bytes');
    expect(() => parseAlertMeta(tooMany)).toThrow(sizeError);
    expect(() => parseAlertMeta({ blob: 'x'.repeat(8200) })).toThrow(sizeError);
    expect(parseAlertMeta({ blob: 'x'.repeat(8000) })['blob']).toHaveLength(8000);
  });
});

describe('parseSnapshotUrl', () => {
  it('is null when absent', () => {
    expect(parseSnapshotUrl(undefined)).toBeNull();
    expect(parseSnapshotUrl(null)).toBeNull();
  });

  it.each(['http://worker.local/snap/1.jpg', 'https://cdn.example.com/a.jpg?sig=abc', 'HTTPS://EXAMPLE.com/x.png'])(
    'accepts %s unchanged',
    (url) => {
      expect(parseSnapshotUrl(url)).toBe(url);
    },
  );

  it.each([
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    'file:///etc/passwd',
    'ftp://x/y.jpg',
    '//evil.example/x.jpg',
    '/api/snapshots/1.jpg',
    'http://',
    'http://a b/x.jpg',
    'http://x/y.jpg\n',
    'https://[::1/x',
    'http://x/' + 'a'.repeat(2048),
    '',
    42,
    { $gt: '' },
    ['http://x/y.jpg'],
  ])('rejects %p', (value) => {
    expect(() => parseSnapshotUrl(value)).toThrow(new ValidationError('snapshotUrl must be an http(s) URL'));
  });
});

describe('time zones and counts', () => {
  it('reads a date-time without a zone as UTC', () => {
    expect(parseTimestamp('t', '2026-03-01T10:00:00').toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(parseTimestamp('t', '2026-03-01 10:00:00').toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(parseTimestamp('t', '2026-03-01T10:00:00+02:00').toISOString()).toBe('2026-03-01T08:00:00.000Z');
  });

  it('requires a whole number of faces', () => {
    expect(() => parseAlertMeta({ faces: 1.5 })).toThrow(ValidationError);
    expect(parseAlertMeta({ faces: 3 }).faces).toBe(3);
  });
});
