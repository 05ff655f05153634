import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { correlationIdFor } from './common/http/correlation';
import { createValidationPipe } from './common/http/validation';
import { toProblem } from './common/http/problem.filter';
import { registerInputGuard } from './common/http/input-guard';
import { AppError } from './common/errors';
import { uploadLimitsFromEnv } from './modules/supplier-inventory/parsing';

export const API_PREFIX = 'api/v1';

/**
 * Builds the whole HTTP application (API, OpenAPI, portal) without listening, so tests drive
 * exactly what production runs. Migrations are not run here (see runMigrations).
 */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    routerOptions: { maxParamLength: 200 },
    genReqId: (req: IncomingMessage) => correlationIdFor(req),
    trustProxy: process.env['TRUST_PROXY'] === 'true',
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: false });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (req, reply) => {
    reply.header('x-correlation-id', correlationIdFor(req.raw));
    // API answers are one tenant's data: never kept by the browser or a shared cache. A route
    // that sets its own Cache-Control overrides this.
    if (req.url.startsWith('/api/v1/')) reply.header('cache-control', 'no-store');
  });
  registerInputGuard(fastify);

  await app.register(helmet as never, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(multipart as never, {
    // The same file-size limit the upload parser enforces (UPLOAD_MAX_FILE_BYTES, default 20 MiB).
    limits: { fileSize: uploadLimitsFromEnv(config.env).maxFileBytes, files: 1, fields: 10, parts: 12 },
  });

  const openApi = new DocumentBuilder()
    .setTitle('Stockbridge API')
    .setDescription(
      'Supplier collaboration (SRM/VMI) with a consignment ledger. Errors are application/problem+json with a `code`; ' +
        'quantities and money are decimal strings; lists take ?limit=&cursor= and return {items, nextCursor}.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, openApi);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });

  registerPortal(app, config);
  await app.init();
  await fastify.ready();
  return app;
}

/** Serves the built portal at `/` with a single-page-app fallback; `/api/...` stays the API's. */
function registerPortal(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  const dir = config.portalDir;
  const index = dir ? join(dir, 'index.html') : null;
  const hasPortal = !!index && existsSync(index);
  if (hasPortal && dir) {
    void app.register(fastifyStatic as never, { root: dir, wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  const indexHtml = hasPortal && index ? readFileSync(index) : null;
  fastify.get('/*', async (req, reply) => {
    if (req.url.startsWith('/api/') || !indexHtml) {
      const problem = toProblem(new AppError('NOT_FOUND', `No route for ${req.method} ${req.url.split('?')[0]}`), correlationIdFor(req.raw));
      return reply.status(404).header('content-type', 'application/problem+json').send(problem);
    }
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });
  fastify.get('/', async (_req, reply) => {
    if (!indexHtml) return reply.redirect('/api/docs');
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });
}
