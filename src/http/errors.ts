import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[]; [k: string]: unknown };
}

/** The one place domain and framework errors become HTTP answers; never a stack trace or SQL. */
export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) {
    const { fields, ...rest } = err.details ?? {};
    return reply.code(err.status).send({ error: { code: err.code, message: err.message, fields, ...rest } });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.map((v) => ({
      field: [String(err.validationContext ?? ''), ...String(v.instancePath ?? '').split('/').filter(Boolean)]
        .filter(Boolean)
        .join('.'),
      message: v.message ?? 'Ugyldig værdi',
    }));
    return reply.code(400).send({ error: { code: 'VALIDATION', message: 'Ugyldigt input.', fields } });
  }
  const fe = err as FastifyError;
  // @fastify/rate-limit throws the body its errorResponseBuilder made (src/http/server.ts): keep its message.
  if (fe.statusCode === 429) {
    const message = (err as { error?: { message?: unknown } }).error?.message;
    return reply.code(429).send({ error: { code: 'RATE_LIMITED', message: typeof message === 'string' ? message : 'For mange forespørgsler. Prøv igen om lidt.' } });
  }
  if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) {
    return reply.code(413).send({ error: { code: 'FILE_TOO_LARGE', message: 'Filen er for stor.' } });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply.code(fe.statusCode).send({ error: { code: 'BAD_REQUEST', message: 'Ugyldig forespørgsel.' } });
  }
  req.log.error({ err }, 'unhandled error');
  return reply.code(500).send({ error: { code: 'INTERNAL', message: 'Der opstod en uventet fejl. Prøv igen senere.' } });
}
