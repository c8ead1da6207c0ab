import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { maskRtspCredentials } from '@argus/domain';
import type { ArgusConfig } from '@argus/config';

/** Hides tokens passed in a query string (socket.io `?token=`, signed links). */
export function redactUrl(url: string): string {
  return maskRtspCredentials(url).replace(/([?&](?:token|sig|signature)=)[^&]*/gi, '$1[Redacted]');
}

/**
 * JSON lines with a request id; authorization headers, cookies, passwords and RTSP credentials
 * never reach the log.
 */
export function pinoOptions(config: ArgusConfig, destination?: DestinationStream): Params {
  const options: Options = {
    level: config.logLevel,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.body.password',
        'req.body.currentPassword',
        'req.body.newPassword',
        'res.headers["set-cookie"]',
        '*.password',
        '*.rtspUrl',
      ],
      censor: '[Redacted]',
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.remoteAddress,
      }),
    },
    hooks: {
      // Any message text (errors included) passes through the same RTSP masking.
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskRtspCredentials(a) : a)) as typeof args;
        method.apply(this, masked);
      },
    },
    // Probes and scrapes arrive every few seconds: not worth a log line each.
    autoLogging: { ignore: (req) => /^\/(api\/health|metrics)(\/|\?|$)/.test(req.url ?? '') },
  };
  // Every route, in Express 5's path syntax: nestjs-pino's default ('*', which becomes "/api/*" under the
  // global prefix) makes Nest warn "LegacyRouteConverter: Unsupported route path" at every start.
  const forRoutes = [{ path: '{*path}', method: RequestMethod.ALL }];
  // stdout unless a destination is given (the security suite reads every line written).
  return { pinoHttp: destination ? [options, destination] : options, forRoutes };
}
