import { ValidationError } from '../shared/errors';
import { MIN_PASSWORD_LENGTH, parsePassword, parseRole, parseUsername } from './credentials';
import { isRole } from './user';

describe('parseUsername', () => {
  it.each(['bob', 'alice.smith', 'ops_team-1', 'me@example.com', 'A'.repeat(64)])('accepts %s', (name) => {
    expect(parseUsername(name)).toBe(name);
  });

  it.each(['ab', '', 'A'.repeat(65), 'has space', 'new\nline', 'semi;colon', 'ümlaut', '$where', 'a/b', 42, null, undefined, { $gt: '' }, ['bob']])(
    'rejects %p',
    (value) => {
      expect(() => parseUsername(value)).toThrow(new ValidationError('username must be 3–64 characters: letters, digits, . _ @ -'));
    },
  );
});

describe('parsePassword', () => {
  it('accepts 8 to 256 characters of anything', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(8);
    expect(parsePassword('12345678')).toBe('12345678');
    expect(parsePassword('with spaces & ünïcode')).toBe('with spaces & ünïcode');
    expect(parsePassword('x'.repeat(256))).toHaveLength(256);
  });

  it.each(['1234567', '', 'x'.repeat(257), 12345678, null, undefined, { $ne: null }])('rejects %p', (value) => {
    expect(() => parsePassword(value)).toThrow(new ValidationError('password must be 8–256 characters'));
  });
});

describe('parseRole', () => {
  it.each(['admin', 'operator', 'viewer'] as const)('accepts %s', (role) => {
    expect(parseRole(role)).toBe(role);
    expect(isRole(role)).toBe(true);
  });

  it.each(['Admin', 'root', '', 'viewer ', null, undefined, 1, ['admin'], { role: 'admin' }])('rejects %p', (value) => {
    expect(() => parseRole(value)).toThrow(new ValidationError('role must be one of admin, operator, viewer'));
    expect(isRole(value)).toBe(false);
  });
});
