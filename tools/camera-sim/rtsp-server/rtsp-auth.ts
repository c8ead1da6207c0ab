import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RtspRequest } from './rtsp-request';

/** Credentials a simulated camera asks for (clients put them in the URL: rtsp://user:pass@host/path). */
export interface CameraCredentials {
  username: string;
  password: string;
  /** Which challenge(s) to send; 'any' offers Digest and Basic and accepts either. Default 'any'. */
  scheme?: 'basic' | 'digest' | 'any';
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** key=value and key="value" pairs of a Digest Authorization header. */
export function parseDigestParams(value: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of value.matchAll(/(\w+)\s*=\s*(?:"([^"]*)"|([^\s,]+))/g)) {
    params[match[1].toLowerCase()] = match[2] ?? match[3];
  }
  return params;
}

/** Basic (RFC 7617) and Digest (RFC 2617, MD5, with or without qop=auth) as RTSP cameras do them. */
export class RtspAuthenticator {
  private readonly nonce = randomBytes(16).toString('hex');
  private readonly scheme: 'basic' | 'digest' | 'any';

  constructor(
    private readonly credentials: CameraCredentials,
    private readonly realm = 'Argus camera simulator',
  ) {
    this.scheme = credentials.scheme ?? 'any';
  }

  /** True when the request carries valid credentials. */
  authorize(request: RtspRequest): boolean {
    const header = request.headers['authorization'] ?? '';
    const space = header.indexOf(' ');
    const kind = header.slice(0, space).toLowerCase();
    const value = header.slice(space + 1).trim();
    if (kind === 'basic' && this.scheme !== 'digest') return this.checkBasic(value);
    if (kind === 'digest' && this.scheme !== 'basic') return this.checkDigest(value, request.method);
    return false;
  }

  /** WWW-Authenticate values for a 401 answer (Digest first: clients pick the strongest they know). */
  challenges(): string[] {
    const digest = `Digest realm="${this.realm}", nonce="${this.nonce}", algorithm=MD5`;
    const basic = `Basic realm="${this.realm}"`;
    if (this.scheme === 'basic') return [basic];
    if (this.scheme === 'digest') return [digest];
    return [digest, basic];
  }

  private checkBasic(value: string): boolean {
    const expected = Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64');
    return sameText(value, expected);
  }

  private checkDigest(value: string, method: string): boolean {
    const p = parseDigestParams(value);
    if (p.username !== this.credentials.username || p.realm !== this.realm || p.nonce !== this.nonce || !p.uri || !p.response) {
      return false;
    }
    const ha1 = md5(`${this.credentials.username}:${this.realm}:${this.credentials.password}`);
    const ha2 = md5(`${method}:${p.uri}`);
    const expected = p.qop === 'auth' ? md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
    return sameText(p.response.toLowerCase(), expected);
  }
}
