import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { RedisIoAdapter } from './cluster/redis-io.adapter';
import { toApiError } from './common/api-exception.filter';
import { jsonBodyGuards } from './common/json-body-guards';
import { requireBodyMediaTypes } from './common/body-media-types';
import { parseImageBodies } from './common/image-body';
import { VALIDATION_OPTIONS } from './common/validation';

export const BODY_LIMIT = '256kb';
export const SDP_LIMIT = '64kb';

/** The console talks to its own origin, socket.io and, in MediaMTX mode, MediaMTX's WHEP endpoint. */
function connectSources(config: AppModuleOptions['config']): string[] {
  const sources = ["'self'", 'ws:', 'wss:'];
  if (config.mediamtxUrl && config.mediamtxWebrtcUrl) sources.push(new URL(config.mediamtxWebrtcUrl).origin);
  return sources;
}

/** Builds the configured Nest application (used by main.ts and by the e2e tests). */
export async function createArgusApp(options: AppModuleOptions & { quiet?: boolean }): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
    // On close, keep-alive and long-poll connections are cut instead of holding the shutdown open.
    forceCloseConnections: true,
  });
  app.useLogger(app.get(Logger));
  app.set('query parser', 'simple');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'connect-src': connectSources(options.config),
          'img-src': ["'self'", 'data:', 'blob:', 'https:', 'http:'],
          // Argus is often opened over plain HTTP on a LAN address: upgrading its own scripts to
          // https would leave the console blank. TLS belongs to the reverse proxy (see README).
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.use(requireBodyMediaTypes);
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: true, ...jsonBodyGuards });
  // WHEP offers are raw SDP (a few kB; browsers with many candidates stay far below this).
  app.useBodyParser('text', { type: 'application/sdp', limit: SDP_LIMIT });
  // Photos to enrol or recognise (only on those routes: requireBodyMediaTypes refuses them elsewhere).
  app.use(parseImageBodies);
  app.enableCors({ origin: options.config.corsOrigins.length > 0 ? options.config.corsOrigins : false });
  // Prometheus scrapes `/metrics` by convention, outside the API prefix.
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalPipes(new ValidationPipe(VALIDATION_OPTIONS));
  // In a cluster, socket.io rooms and server-side events span every node through Redis.
  const redisUrl = options.config.cluster.redisUrl;
  const ioLogger = app.get(Logger);
  app.useWebSocketAdapter(redisUrl ? new RedisIoAdapter(app, redisUrl, { warn: (m) => ioLogger.warn(m), info: (m) => ioLogger.log(m) }) : new IoAdapter(app));
  setUpOpenApi(app);
  // body-parser failures (malformed JSON, too large) happen before Nest's filters see the request.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const body = toApiError(error);
    res.status(body.statusCode).json(body);
  });
  // No enableShutdownHooks(): main.ts handles SIGTERM/SIGINT itself (bounded time, exit code 0).
  return app;
}

function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Argus API')
      .setDescription('RTSP cameras, face alerts and users. Realtime events: socket.io at path /ws (see README).')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'User token from POST /api/auth/login' })
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ALERT_POST_AUTH_TOKEN (outside workers)' }, 'alert-token')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
