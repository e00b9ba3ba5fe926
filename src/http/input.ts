// Input no route may take: text with a NUL character (U+0000). PostgreSQL cannot store or compare it
// ("invalid byte sequence for encoding UTF8: 0x00"), so it would end as a 500 wherever it reached SQL.
// Refused for every route at once, before validation, as a 400 that names the field.
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors.ts';

/** The path (a.b.0.c) of the first string or key holding a NUL, or null. Iterative: bodies may be deep. */
export function findNul(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (k.includes('\u0000')) return at;
        stack.push([child, at]);
      }
    }
  }
  return null;
}

export async function rejectNul(req: FastifyRequest): Promise<void> {
  const at = findNul(req.params, 'params') ?? findNul(req.query, 'querystring') ?? findNul(req.body, 'body');
  if (at) {
    throw new DomainError('VALIDATION', 'Ugyldigt input.', {
      fields: [{ field: at.replace(/\u0000/g, '\\0'), message: 'Teksten må ikke indeholde tegnet NUL (\\0).' }],
    });
  }
}
