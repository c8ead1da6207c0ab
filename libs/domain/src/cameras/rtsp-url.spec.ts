import { ValidationError } from '../shared/errors';
import { maskRtspCredentials, RtspUrl } from './rtsp-url';

function rejection(value: unknown): string {
  try {
    RtspUrl.parse(value);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe('RtspUrl.parse', () => {
  it.each([
    ['rtsp://cam.local/stream', 'rtsp'],
    ['rtsps://cam.local:322/stream', 'rtsps'],
    ['RTSP://CAM.local/x', 'rtsp'],
    ['RtSpS://10.0.0.5/live', 'rtsps'],
    ['rtsp://user:pa55@192.168.1.20:554/Streaming/Channels/101', 'rtsp'],
    ['rtsp://[::1]:8554/a', 'rtsp'],
  ])('accepts %s', (input, scheme) => {
    const url = RtspUrl.parse(input);
    expect(url.toString()).toBe(input);
    expect(url.scheme).toBe(scheme);
  });

  it.each([
    'file:///etc/passwd',
    'http://cam.local/stream',
    'https://cam.local/stream',
    'rtmp://cam.local/live',
    'udp://0.0.0.0:1234',
    'subfile,,start,0,end,0,,:rtsp://a/b',
    '/dev/video0',
    'cam.local/stream',
  ])('rejects the non-RTSP address %s', (input) => {
    expect(rejection(input)).toBe('rtspUrl must start with rtsp:// or rtsps://');
  });

  it.each([
    '-i rtsp://cam.local/x',
    'rtsp://cam.local/x -f null -',
    ' rtsp://cam.local/x',
    'rtsp://cam.local/x\n',
    'rtsp://cam.local/x\r\nfile:///etc/passwd',
    'rtsp://cam.local/\tx',
    'rtsp://cam.local/\u0000x',
    'rtsp://cam.local/\u001bx',
    'rtsp://cam.local/\u007fx',
    'rtsp://cam.local/\u00a0x',
  ])('rejects whitespace and control characters in %j', (input) => {
    expect(rejection(input)).toBe('rtspUrl must not contain spaces or control characters');
  });

  it.each([
    'rtsp://cam.local/$(reboot)',
    'rtsp://cam.local/${IFS}x',
    'rtsp://u:p@cam.local/x|nc',
    'rtsp://cam.local/`id`',
    'rtsp://cam.local/x"y',
    'rtsp://cam.local/<x>',
    'rtsp://cam.local/..\\x',
    'rtsp://cam.local/a^b',
    'rtsp://cam.local/{a}',
    'concat:rtsp://a/b|file:///etc/passwd',
  ])('rejects shell and pipe characters in %s', (input) => {
    expect(rejection(input)).toBe('rtspUrl must not contain | ` " < > \\ ^ { } $( or ${ (percent-encode them in a password)');
  });

  it.each(['rtsp://u:pa$$word(1)@cam.local/x', 'rtsp://cam.local/cam/realmonitor?channel=1&subtype=0', "rtsp://u:it's%7Cok@h/x"])(
    'keeps URLs with $, parentheses, queries and encoded characters: %s',
    (input) => {
      expect(RtspUrl.parse(input).toString()).toBe(input);
    },
  );

  it('rejects an option-looking value without spaces', () => {
    expect(rejection('-iRTSP://x/y')).toBe('rtspUrl must start with rtsp:// or rtsps://');
  });

  it.each([[undefined], [null], [42], [true], [['rtsp://a/b']], [{ $gt: '' }], [{ toString: () => 'rtsp://a/b' }]])(
    'rejects the non-string %j',
    (input) => {
      expect(rejection(input)).toBe('rtspUrl must be a string');
    },
  );

  it('rejects empty and over-long values', () => {
    expect(rejection('')).toBe('rtspUrl must be 1–2048 characters');
    const long = 'rtsp://cam.local/' + 'a'.repeat(2048 - 'rtsp://cam.local/'.length + 1);
    expect(long).toHaveLength(2049);
    expect(rejection(long)).toBe('rtspUrl must be 1–2048 characters');
    const max = long.slice(0, 2048);
    expect(RtspUrl.parse(max).toString()).toBe(max);
  });

  it.each(['rtsp://', 'rtsps://', 'rtsp:///stream', 'rtsp://user:pw@/stream'])('rejects %s without a host', (input) => {
    expect(rejection(input)).toMatch(/rtspUrl (must name a host|is not a valid URL)/);
  });

  it('rejects a host that looks like an option', () => {
    expect(rejection('rtsp://-i/stream')).toBe('rtspUrl must name a host');
  });

  it('rejects what the URL parser cannot read', () => {
    expect(rejection('rtsp://cam.local:99999999/x')).toBe('rtspUrl is not a valid URL');
  });

  it('tells whether credentials are present', () => {
    expect(RtspUrl.parse('rtsp://u:p@h/x').hasCredentials).toBe(true);
    expect(RtspUrl.parse('rtsp://u@h/x').hasCredentials).toBe(true);
    expect(RtspUrl.parse('rtsp://h/x').hasCredentials).toBe(false);
  });
});

describe('RtspUrl.masked', () => {
  it.each([
    ['rtsp://admin:s3cret@10.0.0.2:554/live', 'rtsp://admin:***@10.0.0.2:554/live'],
    ['rtsps://user:pw@host/path?x=1', 'rtsps://user:***@host/path?x=1'],
    ['RTSP://user:pw@host/path', 'RTSP://user:***@host/path'],
    ['rtsp://user:@host/path', 'rtsp://user:***@host/path'],
    ['rtsp://user:p%40ss@host/path', 'rtsp://user:***@host/path'],
    // A raw "@" in the password: the last "@" ends the user info, so nothing of it may remain.
    ['rtsp://user:p@ss@host/path', 'rtsp://user:***@host/path'],
    ['rtsp://us@er:pw@host/path', 'rtsp://us@er:***@host/path'],
    ['rtsp://user:pw@host', 'rtsp://user:***@host'],
  ])('masks %s', (input, expected) => {
    const masked = RtspUrl.parse(input).masked();
    expect(masked).toBe(expected);
    expect(masked).not.toMatch(/s3cret|pw@|p@ss|p%40ss/);
  });

  it.each(['rtsp://cam.local/stream', 'rtsp://cam.local:554/a/b?c=d', 'rtsp://onlyuser@cam.local/stream'])(
    'leaves %s without a password unchanged',
    (input) => {
      expect(RtspUrl.parse(input).masked()).toBe(input);
    },
  );

  it('keeps the full address in toString for the stream reader', () => {
    expect(RtspUrl.parse('rtsp://admin:s3cret@h/x').toString()).toBe('rtsp://admin:s3cret@h/x');
  });
});

describe('maskRtspCredentials', () => {
  it('masks every URL in a log-like text and leaves the rest alone', () => {
    const log = [
      '[rtsp @ 0x55d] method DESCRIBE failed: 401 Unauthorized',
      'Input rtsp://admin:hunter2@10.0.0.2:554/ch1 failed; retrying rtsps://ops:p@ss@cam2.local/live',
      'rtsp://plain.local/x and RTSP://u:Top$ecret@h:554: Connection refused',
      'contact admin@example.com',
    ].join('\n');
    expect(maskRtspCredentials(log)).toBe(
      [
        '[rtsp @ 0x55d] method DESCRIBE failed: 401 Unauthorized',
        'Input rtsp://admin:***@10.0.0.2:554/ch1 failed; retrying rtsps://ops:***@cam2.local/live',
        'rtsp://plain.local/x and RTSP://u:***@h:554: Connection refused',
        'contact admin@example.com',
      ].join('\n'),
    );
  });

  it('masks URLs quoted inside JSON', () => {
    const text = JSON.stringify({ url: 'rtsp://a:b@h/x', other: 'rtsp://c:d@h' });
    expect(maskRtspCredentials(text)).toBe('{"url":"rtsp://a:***@h/x","other":"rtsp://c:***@h"}');
  });

  it('returns text without URLs unchanged', () => {
    expect(maskRtspCredentials('no url here: user:pw@host')).toBe('no url here: user:pw@host');
    expect(maskRtspCredentials('')).toBe('');
  });
});
