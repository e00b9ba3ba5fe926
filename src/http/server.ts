import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { errorHandler } from './errors.ts';
import { authHook } from './auth.ts';
import { rejectNul } from './input.ts';
import type { Policy } from './access.ts';
import type { Keyring } from '../shared/crypto.ts';
import { routeModules } from './routes.ts';

z.config(z.locales.da());

export interface AppDeps {
  db: Db;
  config: Config;
  keyring: Keyring;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: Policy | undefined;
}

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared policy, for the test that no API route goes without one. */
    almenRoutes: RegisteredRoute[];
  }
}

const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.config.LOG_LEVEL === 'silent' ? false : { level: deps.config.LOG_LEVEL },
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  const routes: RegisteredRoute[] = [];
  app.decorate('almenRoutes', routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url, policy: (r.config as { policy?: Policy } | undefined)?.policy });
  });
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // ECharts and dkfds set inline styles
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        // Only behind https: on a plain-http address the browser would ask for https assets and show nothing.
        upgradeInsecureRequests: deps.config.ALMEN_PUBLIC_URL?.startsWith('https:') ? [] : null,
      },
    },
    strictTransportSecurity: deps.config.ALMEN_COOKIE_SECURE ? undefined : false,
  });
  await app.register(fastifyRateLimit, {
    max: deps.config.ALMEN_RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    allowList: (req) => !req.url.startsWith('/api/'),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: 'RATE_LIMITED', message: `For mange forespørgsler. Prøv igen om ${Math.ceil(ctx.ttl / 1000)} sekunder.` },
    }),
  });
  app.addHook('onRequest', authHook(deps.db));
  app.addHook('preValidation', rejectNul);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Almen API', version: '0.1.0', description: 'Kommunens register over almene boliger.' },
    },
    transform: jsonSchemaTransform,
  });

  app.get('/api/health', { config: { policy: { public: true } }, schema: { response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));
  app.get('/api/openapi.json', { config: { policy: { public: true } }, schema: { hide: true } }, async () => app.swagger());

  for (const register of routeModules) await register(app, deps);

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !existsSync(webDist + 'index.html')) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'Siden findes ikke.' } });
    }
    return reply.sendFile('index.html'); // client-side routing
  });
  if (existsSync(webDist)) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  return app;
}
