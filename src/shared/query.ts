// Query-string and path parameters shared by the routes, each with a Danish message for the UI.
import { z } from 'zod';

export const kommunekodeParam = z
  .string({ error: 'Kommunekoden skal være fire cifre, fx 0101.' })
  .regex(/^[0-9]{4}$/, { error: 'Kommunekoden skal være fire cifre, fx 0101.' })
  .describe('Kommunekode med fire cifre');

export const idParam = (what: string) =>
  z.coerce
    .number({ error: `${what} skal være et positivt heltal.` })
    .int({ error: `${what} skal være et positivt heltal.` })
    .positive({ error: `${what} skal være et positivt heltal.` });

export const idParams = z.object({ id: idParam('Id') });

export const intParam = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${what} skal være et heltal mellem ${min} og ${max}.` })
    .int({ error: `${what} skal være et heltal mellem ${min} og ${max}.` })
    .min(min, { error: `${what} skal være et heltal mellem ${min} og ${max}.` })
    .max(max, { error: `${what} skal være et heltal mellem ${min} og ${max}.` });

export const yearParam = (what = 'Året') => intParam(what, 1850, 2100);

export const qParam = z
  .string()
  .trim()
  .max(200, { error: 'Søgeteksten må højst være 200 tegn.' })
  .describe('Fritekstsøgning, uafhængig af store og små bogstaver');

export const enumParam = <const T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z.enum(values, { error: `${what} skal være en af: ${values.join(', ')}.` });

export const orderParam = enumParam('Rækkefølgen', ['asc', 'desc']).default('asc');

export const formatParam = enumParam('Formatet', ['json', 'csv', 'xlsx', 'pdf'])
  .default('json')
  .describe('json (standard), csv (semikolon, decimalkomma, UTF-8 med BOM), xlsx eller pdf (A4, til udskrift)');

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** sort, order, limit, offset and format for a list whose sort keys are given. */
export const listParams = <const T extends readonly [string, ...string[]]>(sortKeys: T, defaultSort: T[number]) => ({
  sort: enumParam('Sorteringen', sortKeys).default(defaultSort as never) as z.ZodDefault<z.ZodEnum<{ [K in T[number]]: K }>>,
  order: orderParam,
  limit: intParam('Antal', 1, MAX_LIMIT).default(DEFAULT_LIMIT).describe(`Højst ${MAX_LIMIT}; ikke ved eksport`),
  offset: intParam('Start', 0, 10_000_000).default(0),
  format: formatParam,
});

export interface Paging {
  limit: number;
  offset: number;
}

/** The error answer (src/http/errors.ts), for the OpenAPI document. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
export const errorResponses = { 400: errorSchema, 404: errorSchema } as const;
