import { ValidationError } from '../shared/errors';
import { MAX_URL_LENGTH } from '../shared/limits';

const MAX_LENGTH = MAX_URL_LENGTH;
const ALLOWED = /^rtsps?:\/\//i;
// Whitespace or control characters would let a value be read as several words or options.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARS = /[\s\u0000-\u001f\u007f]/;
/**
 * Characters a URL never carries raw (RFC 3986) and `$(`/`${`: harmless to ffmpeg (spawned with an
 * argument list, no shell) but the signature of an injection attempt, and dangerous to any script
 * that might ever pass the URL through a shell. A password holding them is percent-encoded.
 */
const SHELL_LIKE = /[|`"<>\\^{}]|\$[({]/;

/**
 * An RTSP camera address. Only `rtsp:` and `rtsps:` are accepted, so nothing stored as a camera
 * URL can make ffmpeg read a file, run a protocol chain or take an option.
 */
export class RtspUrl {
  private constructor(private readonly url: URL, private readonly raw: string) {}

  static parse(value: unknown): RtspUrl {
    if (typeof value !== 'string') {
      throw new ValidationError('rtspUrl must be a string');
    }
    if (value.length === 0 || value.length > MAX_LENGTH) {
      throw new ValidationError(`rtspUrl must be 1–${MAX_LENGTH} characters`);
    }
    if (FORBIDDEN_CHARS.test(value)) {
      throw new ValidationError('rtspUrl must not contain spaces or control characters');
    }
    if (SHELL_LIKE.test(value)) {
      throw new ValidationError('rtspUrl must not contain | ` " < > \\ ^ { } $( or ${ (percent-encode them in a password)');
    }
    if (!ALLOWED.test(value)) {
      throw new ValidationError('rtspUrl must start with rtsp:// or rtsps://');
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ValidationError('rtspUrl is not a valid URL');
    }
    if (!url.hostname || url.hostname.startsWith('-')) {
      throw new ValidationError('rtspUrl must name a host');
    }
    return new RtspUrl(url, value);
  }

  get scheme(): 'rtsp' | 'rtsps' {
    return this.url.protocol.toLowerCase() === 'rtsps:' ? 'rtsps' : 'rtsp';
  }

  get hasCredentials(): boolean {
    return this.url.username !== '' || this.url.password !== '';
  }

  /** The full address including credentials: for the stream reader only, never for display. */
  toString(): string {
    return this.raw;
  }

  /** `rtsp://user:***@host/path`: safe for answers, logs and events. */
  masked(): string {
    return maskRtspCredentials(this.raw);
  }
}

/**
 * Replaces the password of any rtsp(s) URL found in a text (URLs, log lines, error messages).
 * Like a URL parser, the authority runs to the first `/ ? #` and the last `@` in it ends the user
 * info, so a password or user name holding a raw `@` is masked whole. When in doubt it masks more.
 */
export function maskRtspCredentials(text: string): string {
  return text.replace(/(rtsps?:\/\/)([^\s/?#]*)/gi, (match, scheme: string, authority: string) => {
    const at = authority.lastIndexOf('@');
    if (at < 0) return match;
    const userInfo = authority.slice(0, at);
    const colon = userInfo.indexOf(':');
    if (colon < 0) return match;
    return `${scheme}${userInfo.slice(0, colon)}:***${authority.slice(at)}`;
  });
}
