/** What the API puts in place of a stored password (`rtsp://user:***@host/path`). */
export const MASKED_PASSWORD = '***';

/** An RTSP address taken apart so the password can live in a password field, never in clear. */
export interface RtspParts {
  /** The address without user info: `rtsp://host:554/path`. */
  address: string;
  username: string;
  password: string;
  /** The user name exactly as written in the URL (percent-encoding kept). */
  rawUsername: string;
}

const SCHEME_AND_AUTHORITY = /^(rtsps?:\/\/)([^\s/?#]*)(.*)$/i;

/** Like the API, the last `@` of the authority ends the user info, the first `:` in it starts the password. */
export function splitRtspUrl(url: string): RtspParts {
  const match = SCHEME_AND_AUTHORITY.exec(url.trim());
  const at = match ? match[2].lastIndexOf('@') : -1;
  if (!match || at < 0) return { address: url.trim(), username: '', password: '', rawUsername: '' };
  const [, scheme, authority, rest] = match;
  const userInfo = authority.slice(0, at);
  const colon = userInfo.indexOf(':');
  const rawUsername = colon < 0 ? userInfo : userInfo.slice(0, colon);
  const rawPassword = colon < 0 ? '' : userInfo.slice(colon + 1);
  return {
    address: scheme + authority.slice(at + 1) + rest,
    username: decode(rawUsername),
    password: rawPassword === MASKED_PASSWORD ? MASKED_PASSWORD : decode(rawPassword),
    rawUsername,
  };
}

/**
 * Puts user info back into an address. `password` equal to {@link MASKED_PASSWORD} is written as
 * is: sent back unchanged with the same user name, it tells the API to keep the stored password.
 * `rawUsername`, when it decodes to `username`, is reused so an unchanged name stays byte-identical.
 */
export function joinRtspUrl(address: string, username: string, password: string, rawUsername = ''): string {
  const match = /^(rtsps?:\/\/)(.*)$/i.exec(address.trim());
  if (!match || (!username && !password)) return address.trim();
  const user = rawUsername && decode(rawUsername) === username ? rawUsername : encodeURIComponent(username);
  const secret = password === MASKED_PASSWORD ? MASKED_PASSWORD : encodeURIComponent(password);
  return `${match[1]}${user}${password ? `:${secret}` : ''}@${match[2]}`;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
