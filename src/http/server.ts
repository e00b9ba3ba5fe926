import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
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
import { routeModules } from './routes.ts';

z.config(z.locales.da());

export interface AppDeps {
  db: Db;
  config: Config;
}

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.config.LOG_LEVEL === 'silent' ? false : { level: deps.config.LOG_LEVEL },
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Almen API', version: '0.1.0', description: 'Kommunens register over almene boliger.' },
    },
    transform: jsonSchemaTransform,
  });

  app.get('/api/health', { schema: { response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

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
