import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { LIMITS } from '@accord/core';
import { ProblemSchema, ROUTES, type RouteName, type RouteSpec } from '@accord/contracts';
import type { DatabaseHandle } from '../db/database.js';
import type { Services } from '../services/index.js';
import { registerAccessControl, type RegisteredRoute } from './plugins/access.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerNotFound, registerProblemHandlers } from './plugins/problem.js';
import { registerValidators } from './plugins/validation.js';
import { registerHealthRoutes } from './routes/health.routes.js';
import { registerErrorCatalogue } from './routes/error-catalogue.routes.js';
import { adminHandlers } from './routes/admin.routes.js';
import { authHandlers } from './routes/auth.routes.js';
import type { Handler } from './routes/handler.js';
import { referenceHandlers } from './routes/reference.routes.js';
import { surveillanceReferenceHandlers } from './routes/surveillance-reference.routes.js';
import { dhis2Handlers } from './routes/dhis2.routes.js';
import { detectionHandlers } from './routes/detection.routes.js';
import { eventHandlers } from './routes/events.routes.js';
import { importHandlers } from './routes/imports.routes.js';

export interface AppOptions {
  handle: DatabaseHandle;
  services: Services;
  /** Pino options, or false for silence (tests). */
  logger: FastifyServerOptions['logger'];
  /** Built web app to serve at `/`; null serves the API only. */
  webDistDir: string | null;
  secureCookies: boolean;
  trustProxy: boolean;
  version: string;
}

export type AccordApp = FastifyInstance & { registeredRoutes: RegisteredRoute[] };

const PUBLIC_INFRASTRUCTURE = /^\/api\/docs(\/|$)/;

export async function buildApp(options: AppOptions): Promise<AccordApp> {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: LIMITS.jsonBodyMaxBytes,
    trustProxy: options.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  }) as unknown as AccordApp;
  const registry: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registry);

  registerValidators(app);
  // The API speaks JSON only; anything else is refused with 415 rather than half-parsed.
  app.removeContentTypeParser('text/plain');
  // CSV bodies are handed over as a stream (imports read them as they arrive, in bounded memory).
  app.addContentTypeParser(['text/csv', 'application/csv'], (_request, payload, done) => done(null, payload));
  registerProblemHandlers(app);
  await app.register(fastifyCookie);
  registerAccessControl(app, options.services.auth, registry, (url) => PUBLIC_INFRASTRUCTURE.test(url) || isStaticUrl(url));
  registerMetrics(app);
  app.addHook('onSend', async (_request, reply) => {
    // Baseline browser protections: no MIME sniffing, no framing (clickjacking), no full referrers leaving the site.
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
  });
  app.addSchema(ProblemSchema);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Accord API',
        version: options.version,
        description:
          'Accord: global health security and health diplomacy. Authenticate with the session cookie from POST /api/auth/login ' +
          '(state-changing requests then need the X-CSRF-Token header) or with an API token as `Authorization: Bearer acc_…`. ' +
          'Errors are RFC 9457 problem details.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'accord_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  registerHealthRoutes(app, options.handle);
  registerErrorCatalogue(app);
  registerContractRoutes(app, {
    ...authHandlers(options.services, { secure: options.secureCookies }),
    ...adminHandlers(options.services),
    ...referenceHandlers(options.services),
    ...importHandlers(options.services),
    ...surveillanceReferenceHandlers(options.services),
    ...dhis2Handlers(options.services),
    ...detectionHandlers(options.services),
    ...eventHandlers(options.services),
  });
  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());

  const serveWebApp = options.webDistDir !== null && existsSync(join(options.webDistDir, 'index.html'));
  if (serveWebApp) {
    await app.register(fastifyStatic, { root: options.webDistDir!, prefix: '/', wildcard: true, index: ['index.html'] });
  }
  registerNotFound(app, serveWebApp);
  return app;
}

type AnyHandler = Handler<RouteName>;

/** Registers every route of the contract table with its schema, access rule and handler. */
function registerContractRoutes(app: FastifyInstance, handlers: { [N in RouteName]: Handler<N> }): void {
  for (const [name, spec] of Object.entries(ROUTES) as [RouteName, RouteSpec][]) {
    const handler = handlers[name] as AnyHandler | undefined;
    if (!handler) throw new Error(`route ${name} has no handler`);
    const security: Record<string, string[]>[] = 'public' in spec.access ? [] : [{ session: [] }, { token: [] }];
    app.route({
      method: spec.method,
      url: spec.url,
      config: { access: spec.access },
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      schema: {
        operationId: name,
        summary: spec.summary,
        tags: [spec.tag],
        security,
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.querystring ? { querystring: spec.querystring } : {}),
        ...(spec.body ? { body: spec.body } : {}),
        response: {
          [spec.success.status]: spec.success.schema ?? { type: 'null', description: 'no content' },
          '4xx': { $ref: 'Problem#' },
          '5xx': { $ref: 'Problem#' },
        },
      },
      handler: async (request, reply) => {
        const result = await handler({
          params: request.params as never,
          query: request.query as never,
          body: request.body as never,
          ctx: request.ctx,
          request,
          reply,
        });
        // A handler that streamed its answer returns the reply itself.
        if ((result as unknown) === reply) return reply;
        if (spec.success.status === 204) return reply.code(204).send();
        return reply.code(spec.success.status).send(result);
      },
    });
  }
}

/** Routes of the built web app (files under /), registered by the static-file plugin. */
function isStaticUrl(url: string): boolean {
  return url === '/' || url === '/*';
}
