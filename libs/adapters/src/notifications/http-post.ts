import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { PrivateAddressError, isPrivateAddress, privateHostInUrl } from './address-policy';

export interface PostOptions {
  headers: OutgoingHttpHeaders;
  body: string | Buffer;
  timeoutMs: number;
  /** false: refuse private and loopback addresses, also when a public-looking name resolves to one. */
  allowPrivate: boolean;
  /** Name resolution (the system's by default). */
  resolve?: typeof dnsLookup;
}

export interface PostResult {
  /** null when no answer came (refused, timed out, not allowed). */
  status: number | null;
  headers: IncomingHttpHeaders;
  error: string | null;
  durationMs: number;
}

/**
 * One POST, never following redirects, with a time-out on the whole exchange. With private
 * addresses refused, the check is made on the address actually connected to (a custom lookup), so
 * a name that resolves to the LAN is refused as well as an IP literal.
 */
export function postOnce(url: string, options: PostOptions): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ status: null, headers: {}, error: 'invalid URL', durationMs: 0 });
  }
  if (!options.allowPrivate) {
    const host = privateHostInUrl(target);
    if (host) return Promise.resolve({ status: null, headers: {}, error: `${host} is a private or loopback address (WEBHOOK_ALLOW_PRIVATE=false)`, durationMs: 0 });
  }
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: Omit<PostResult, 'durationMs'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const req = request(
      target,
      {
        method: 'POST',
        headers: { 'content-length': Buffer.byteLength(options.body), ...options.headers },
        lookup: options.allowPrivate ? undefined : publicOnlyLookup(options.resolve ?? dnsLookup),
      },
      (res) => {
        res.resume();
        res.on('error', () => undefined);
        finish({ status: res.statusCode ?? null, headers: res.headers, error: null });
      },
    );
    const timer = setTimeout(() => {
      finish({ status: null, headers: {}, error: `timed out after ${options.timeoutMs / 1000} s` });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (e) => finish({ status: null, headers: {}, error: e instanceof PrivateAddressError ? e.message : `${e.message}` }));
    req.end(options.body);
  });
}

const publicOnlyLookup = (resolve: typeof dnsLookup): LookupFunction => (hostname, options, callback) => {
  resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) {
      return callback(new PrivateAddressError(`${hostname} resolves to ${refused.address}, a private or loopback address (WEBHOOK_ALLOW_PRIVATE=false)`), '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
};
