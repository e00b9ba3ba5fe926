// Enforces every API route's declared policy: who is signed in (session cookie), CSRF on writes, roles.
import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { DomainError } from '../errors.ts';
import type { Db } from '../db/index.ts';
import { Access, type Policy } from './access.ts';
import { accessFromToken, SESSION_COOKIE } from '../features/users/sessions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy;
  }
  interface FastifyRequest {
    access: Access | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in user's Access; throws 401 when nobody is signed in (for handlers behind a policy). */
export function accessOf(req: FastifyRequest): Access {
  if (!req.access) throw new DomainError('UNAUTHENTICATED', 'Du skal logge ind.');
  return req.access;
}

export function authHook(db: Db) {
  return async function onRequest(req: FastifyRequest, _reply: FastifyReply) {
    req.access = null;
    const url = req.routeOptions.url;
    if (!url?.startsWith('/api/')) return; // web app files and unknown paths
    const policy = req.routeOptions.config.policy;
    if (!policy) throw new Error(`Ruten ${req.method} ${url} har ingen adgangspolitik`); // fail closed
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) req.access = await accessFromToken(db, token, req.ip);
    if ('public' in policy) return;
    if (!req.access) throw new DomainError('UNAUTHENTICATED', 'Du skal logge ind.');
    if (!safeMethods.has(req.method) && req.headers['x-csrf-token'] !== req.access.csrfToken) {
      throw new DomainError('CSRF', 'Forespørgslen mangler et gyldigt CSRF-token. Genindlæs siden og prøv igen.');
    }
    if ('roles' in policy && !req.access.has(policy.roles)) {
      throw new DomainError('FORBIDDEN', 'Du har ikke adgang til denne funktion.');
    }
  };
}
