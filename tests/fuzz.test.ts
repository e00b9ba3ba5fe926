// Fuzzing every API route (issue "who may see and do what"): the routes are taken from app.almenRoutes
// at run time, so new routes are covered without changing this file. Each gets malformed path
// parameters, query strings, JSON bodies, other content types and multipart uploads, signed in as a user
// with every role in a municipality (so requests reach validation), without a session, and with a bad
// CSRF token. Required: never a 5xx, never a stack trace, and the register unchanged afterwards.
// The generators make input that is invalid for every writing route (a wrong-typed field, a body of the
// wrong shape, an unparsable body, an id that does not exist), so nothing may be written.
import { it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { describeDb } from './db.ts';
import * as f from './factories.ts';
import { buildTestApp, createTestUser, grant, login, TEST_KEYS, type AuthHeaders } from './app.ts';
import { startOidcProvider, type OidcProvider } from './oidc-provider.ts';
import type { App } from '../src/http/server.ts';
import { createSession, SESSION_COOKIE } from '../src/features/users/sessions.ts';
import { createAnsoeger } from '../src/features/ansoegere/personal.ts';
import { parseKeyring } from '../src/shared/crypto.ts';
import { systemActor } from '../src/http/access.ts';
import type { Db } from '../src/db/index.ts';
import { importKinds } from '../src/features/imports/formats.ts';

const SEED = 20_261_123;
/** Requests per route and share of callers; HEAD routes (the GET handler again) get fewer. */
const RUNS = { admin: 60, adminWrites: 150, anonymous: 15, badCsrf: 15, head: 12 };
const K = '0101';
const OTHER = '0147';

// ---------------------------------------------------------------- what the routes take (from OpenAPI)

type JsonSchema = {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  additionalProperties?: unknown;
  anyOf?: JsonSchema[];
};

interface RouteInfo {
  method: string;
  url: string;
  params: string[];
  query: Record<string, JsonSchema>;
  body: JsonSchema | null;
  writes: boolean;
}

function routeInfos(app: App): RouteInfo[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, { parameters?: any[]; requestBody?: any }>> };
  return app.almenRoutes
    .filter((r) => r.url.startsWith('/api/'))
    .map((r) => {
      const openapiPath = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
      const op = doc.paths[openapiPath]?.[(r.method === 'HEAD' ? 'GET' : r.method).toLowerCase()];
      const query: Record<string, JsonSchema> = {};
      for (const p of op?.parameters ?? []) if (p.in === 'query') query[p.name] = p.schema ?? {};
      return {
        method: r.method,
        url: r.url,
        params: [...r.url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]),
        query,
        body: op?.requestBody?.content?.['application/json']?.schema ?? null,
        writes: !['GET', 'HEAD', 'OPTIONS'].includes(r.method),
      };
    });
}

// ---------------------------------------------------------------- generators

/** Text that has broken other systems: SQL, LIKE escapes, NUL, percent signs, scripts, huge numbers, unicode. */
const nasty = [
  "' OR 1=1 --",
  "'; DROP TABLE afdeling; --",
  '" OR ""="',
  '1; SELECT pg_sleep(1)',
  '\\',
  'a\\',
  '%',
  '_',
  '%%',
  '\u0000',
  'a\u0000b',
  '\uFFFF',
  '\uD800',
  '𝕬𝖑𝖒𝖊𝖓',
  '🏠🏢',
  'ÆØÅ æøå',
  '\u202Egnirts',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9007199254740993',
  '99999999999999999999999',
  '-1',
  '0',
  '1.5',
  '0x10',
  ' 1 ',
  '',
  ' ',
  'true',
  '[]',
  '{}',
  '2024-13-45',
  '0000-00-00',
  '9999-99-99',
  '2024-02-30',
  '-infinity',
  'epoch',
  '0101',
  '10101',
  '01O1',
];
/** Raw (not percent-encoded) fragments for URLs: broken escapes, overlong UTF-8, separators. */
const rawUrlGarbage = ['%ED%A0%80', '%F4%90%80%80', '%', '%zz', '%G1', '%C0%AF', '%E0%80%80', '%00', '%2e%2e', '%2F', '%FF%FE', '..', ';', '%25', '%u0041', '+', '&', '=', '#', '?'];

const hugeString = 'x'.repeat(100_000);
/** Percent-encodes any text (a lone surrogate becomes U+FFFD; raw broken escapes come from rawUrlGarbage). */
const enc = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
const overLimitBody = '"' + 'y'.repeat(2 * 1024 * 1024 + 100) + '"';

const textArb = fc.oneof(
  { arbitrary: fc.constantFrom(...nasty), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ minLength: 201, maxLength: 3000 }), weight: 1 },
  { arbitrary: fc.constant(hugeString), weight: 1 },
);

const numberArb = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1.5, 2 ** 53 + 2, -(2 ** 63), 1e308, Number.MIN_VALUE));

/** Any JSON value, of every shape, some deep. */
const jsonArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 5 },
  { arbitrary: textArb, weight: 2 },
  { arbitrary: numberArb, weight: 1 },
  {
    arbitrary: fc.integer({ min: 50, max: 3000 }).map((depth) => {
      let v: unknown = 1;
      for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
      return v;
    }),
    weight: 1,
  },
  { arbitrary: fc.array(fc.constant({ role: 'administrator', kommunekode: K }), { minLength: 201, maxLength: 400 }), weight: 1 },
);

/** The JSON types a schema accepts (null when it cannot be told: then any value may be valid). */
function allowedTypes(s: JsonSchema): Set<string> | null {
  if (s.anyOf) {
    const all = new Set<string>();
    for (const x of s.anyOf) {
      const t = allowedTypes(x);
      if (!t) return null;
      t.forEach((v) => all.add(v));
    }
    return all;
  }
  if (!s.type) return null;
  const types = new Set([s.type].flat());
  if (types.has('integer')) types.add('number');
  if (s.nullable) types.add('null');
  return types;
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A value the schema refuses for its type alone: a number for a string, a string for a boolean, 1.5 for an integer, ... */
function wrongTyped(s: JsonSchema): fc.Arbitrary<unknown> | null {
  const allowed = allowedTypes(s);
  if (!allowed) return null;
  const candidates: fc.Arbitrary<unknown>[] = [];
  if (!allowed.has('string')) candidates.push(textArb, fc.constantFrom('1', 'true', '0101', 'null'));
  if (!allowed.has('number')) candidates.push(numberArb);
  if (allowed.has('integer') || s.type === 'integer') candidates.push(fc.constantFrom(1.5, -0.25, 1e-9, 2 ** 53 + 0.5));
  if (!allowed.has('boolean')) candidates.push(fc.boolean());
  if (!allowed.has('null')) candidates.push(fc.constant(null));
  if (!allowed.has('object')) candidates.push(fc.dictionary(fc.string({ maxLength: 8 }), jsonArb, { maxKeys: 4 }));
  if (!allowed.has('array')) candidates.push(fc.array(jsonArb, { maxLength: 4 }));
  return candidates.length ? fc.oneof(...candidates) : null;
}

/** A plausible value for a schema: right type, often wrong content. */
function plausible(s: JsonSchema): fc.Arbitrary<unknown> {
  const t = [s.type].flat()[0];
  if (s.enum) return fc.oneof(fc.constantFrom(...s.enum), textArb);
  if (t === 'string') return fc.oneof(textArb, s.pattern?.includes('[0-9]{4}') ? fc.constantFrom(K, OTHER, '9999') : fc.string({ maxLength: 10 }));
  if (t === 'integer' || t === 'number') return fc.oneof(fc.integer({ min: -5, max: 100 }), numberArb);
  if (t === 'boolean') return fc.boolean();
  if (t === 'array') return fc.array(s.items ? plausible(s.items) : jsonArb, { maxLength: 3 });
  if (t === 'object' && s.properties) {
    return fc.record(Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, plausible(v)])), { requiredKeys: [] });
  }
  return jsonArb;
}

/**
 * A JSON body that the route's schema refuses: the known fields with plausible values, plus at least one
 * field of the wrong type (or, when no field's type can be told, a body that is not an object).
 */
function invalidBody(schema: JsonSchema | null): fc.Arbitrary<unknown> {
  const notObject = fc.oneof(fc.array(jsonArb, { maxLength: 5 }), textArb, numberArb, fc.boolean(), fc.constant(null));
  const props = Object.entries(schema?.properties ?? {}).flatMap(([k, v]) => {
    const wrong = wrongTyped(v);
    return wrong ? [[k, wrong] as const] : [];
  });
  if (!schema || props.length === 0) return notObject;
  const others = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, plausible(v)]));
  const nearMiss = fc
    .tuple(
      fc.record(others, { requiredKeys: [] }),
      fc.constantFrom(...props).chain(([k, wrong]) => wrong.map((v) => [k, v] as const)),
      fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'kommunekode')), jsonArb, { maxKeys: 3 }),
    )
    .map(([base, [k, v], extra]) => ({ ...extra, ...base, [k]: v }));
  return fc.oneof({ arbitrary: nearMiss, weight: 4 }, { arbitrary: notObject, weight: 1 });
}

/** Texts that are not JSON, or JSON that must be refused while parsing (prototype poisoning). */
const brokenJson = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":}',
    '{"a":1,}',
    "{'a':1}",
    '[1,2',
    'nul',
    '\uFEFF{',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '{"a":1}{"b":2}',
    '\u0000',
    '{"a":"\\x41"}',
    '{"a":01}',
    '{"a":"unterminated',
    '['.repeat(5000),
  ),
  fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => {
    try {
      JSON.parse(s.replace(/^\uFEFF/, '')); // fastify's parser drops a BOM
      return false;
    } catch {
      return true;
    }
  }),
);

const contentTypeArb = fc.constantFrom(
  'text/plain',
  'text/csv',
  'application/xml',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json;;;',
  'application/jsonx',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'multipart/mixed; boundary=abc',
  '*/*',
  'x'.repeat(5000),
  '',
);

/** A multipart body built by hand, so it can be broken in every way. */
const multipartArb = fc
  .record({
    boundary: fc.oneof(fc.constantFrom('AaB03x', '----almen', 'x'.repeat(200)), fc.string({ minLength: 1, maxLength: 70, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_'.split('')) })),
    declaredBoundary: fc.option(fc.constantFrom('other', '', '"quoted"'), { nil: undefined }),
    parts: fc.array(
      fc.record({
        name: fc.oneof(fc.constantFrom('file', 'kind', 'kilde', 'opgjort_pr', 'preview', '', 'file[]', '__proto__'), fc.string({ maxLength: 12 })),
        filename: fc.option(fc.oneof(fc.constantFrom('data.csv', 'data.xlsx', '../../etc/passwd', 'a"b.csv', 'æøå.csv', ''), fc.constant('n'.repeat(20_000))), { nil: undefined }),
        contentType: fc.option(fc.oneof(contentTypeArb, fc.constantFrom('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')), { nil: undefined }),
        extraHeader: fc.option(fc.oneof(fc.constant(`X-Padding: ${'p'.repeat(100_000)}`), fc.string({ maxLength: 50 })), { nil: undefined }),
        body: fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
          fc.constant(Buffer.alloc(0)),
          fc.constantFrom('afdelinger', 'boliger', 'boligmasse', 'noegletal_afdeling', '1', 'true', '2024-01-01', '2024-13-45').map((s) => Buffer.from(s)),
          fc.constant(Buffer.from('PK\u0003\u0004' + 'z'.repeat(300))), // looks like .xlsx, is not
          fc.constant(Buffer.from('\uFEFForg_lbf_nr;navn\r\n1;"unterminated\r\n')),
        ),
      }),
      { maxLength: 25 },
    ),
    truncate: fc.boolean(),
  })
  .map(({ boundary, declaredBoundary, parts, truncate }) => {
    const chunks: Buffer[] = [];
    for (const p of parts) {
      const disposition = `Content-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
      const headers = [disposition, p.contentType !== undefined ? `Content-Type: ${p.contentType}` : null, p.extraHeader ?? null].filter((h) => h !== null);
      chunks.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`), p.body, Buffer.from('\r\n'));
    }
    if (!truncate) chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { contentType: `multipart/form-data; boundary=${declaredBoundary ?? boundary}`, payload: Buffer.concat(chunks) };
  });

/** What an upload form usually holds: the kinds of file and the header line of each (from the public templates). */
interface UploadHints {
  kinds: string[];
  csvHeaders: string[];
}

/**
 * An upload that gets past the form checks to the file reader: a known kind and a file that is garbage,
 * or a real header line with garbage rows and always a broken last line (an unterminated quote), so no
 * file is valid and an all-or-nothing import writes nothing.
 */
function uploadArb(h: UploadHints): fc.Arbitrary<{ contentType: string; payload: Buffer }> {
  const cell = fc.oneof(fc.constantFrom(...nasty), fc.string({ maxLength: 12 }), fc.integer({ min: -10, max: 3000 }).map(String), fc.constantFrom('1.234,5', '12,5', '"a;b"', '""', '"x""y"'));
  const csv = fc
    .tuple(fc.constantFrom(...h.csvHeaders), fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 6 }), fc.constantFrom('\r\n', '\n', '\r'), fc.boolean())
    .map(([header, rows, eol, bom]) => (bom ? '\uFEFF' : '') + [header, ...rows.map((r) => r.join(';')), '"unterminated;1;2'].join(eol))
    .chain((text) => fc.constantFrom(Buffer.from(text, 'utf8'), Buffer.from(text, 'latin1'), Buffer.from(text, 'utf16le')));
  const file = fc.oneof(
    { arbitrary: csv, weight: 4 },
    { arbitrary: fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)), weight: 2 },
    { arbitrary: fc.constant(Buffer.alloc(0)), weight: 1 },
    { arbitrary: fc.constant(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(500, 7)])), weight: 1 },
    { arbitrary: fc.constant(Buffer.alloc(300 * 1024, 'a')), weight: 1 }, // over the test's upload limit
  );
  return fc
    .record({
      kind: fc.oneof({ arbitrary: fc.constantFrom(...h.kinds), weight: 5 }, { arbitrary: textArb, weight: 1 }),
      file,
      filename: fc.constantFrom('data.csv', 'data.xlsx', 'data', 'æøå.CSV', '../x.csv', '', 'a\u0000.csv'),
      contentType: fc.constantFrom('text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/plain; charset=windows-1252'),
      extra: fc.array(fc.tuple(fc.constantFrom('kilde', 'opgjort_pr', 'preview', 'kind', 'x'), fc.oneof(textArb, fc.constantFrom('2024-01-01', '2024-02-30', '1', '0', 'true', 'a\u0000b'))), { maxLength: 3 }),
      fileFirst: fc.boolean(),
    })
    .map(({ kind, file, filename, contentType, extra, fileFirst }) => {
      const boundary = 'almenfuzz';
      const field = (name: string, value: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value.slice(0, 5000)}\r\n`);
      const filePart = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
        file,
        Buffer.from('\r\n'),
      ]);
      const fields = [field('kind', kind), ...extra.map(([k, v]) => field(k, v))];
      const parts = fileFirst ? [filePart, ...fields] : [...fields, filePart];
      return { contentType: `multipart/form-data; boundary=${boundary}`, payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]) };
    });
}

interface Body {
  contentType?: string;
  payload?: string | Buffer;
  label: string;
}

function bodyArb(r: RouteInfo, hints: UploadHints): fc.Arbitrary<Body> {
  const json = (v: unknown) => {
    try {
      return JSON.stringify(v) ?? 'null';
    } catch {
      return 'null';
    }
  };
  return fc.oneof(
    { arbitrary: invalidBody(r.body).map((v) => ({ contentType: 'application/json', payload: json(v), label: 'json' })), weight: 6 },
    { arbitrary: brokenJson.map((s) => ({ contentType: 'application/json', payload: s, label: 'broken-json' })), weight: 2 },
    { arbitrary: fc.tuple(contentTypeArb, fc.oneof(textArb, fc.constant(''))).map(([ct, s]) => ({ contentType: ct, payload: s, label: 'content-type' })), weight: 1 },
    { arbitrary: multipartArb.map((m) => ({ ...m, label: 'multipart' })), weight: 2 },
    { arbitrary: uploadArb(hints).map((m) => ({ ...m, label: 'upload' })), weight: 2 },
    { arbitrary: fc.constant({ contentType: 'application/json', payload: overLimitBody, label: 'over-limit' }), weight: 1 },
  );
}

/** A path segment: a valid value (an existing id, a known kind) or garbage, percent-encoded or raw. */
function segmentArb(name: string, valid: Record<string, string[]>, r: RouteInfo, missingId: string): fc.Arbitrary<string> {
  // A writing route without a body to validate would act on an existing id: give it only ids that do not exist.
  const known = r.writes && !r.body ? [missingId] : (valid[name] ?? []);
  const garbage = fc.oneof(
    textArb.map((s) => enc(s.slice(0, 500)).replace(/%2F/g, '%252F')),
    fc.constantFrom(...rawUrlGarbage),
    fc.string({ minLength: 101, maxLength: 400, unit: fc.constantFrom(...'0123456789abc'.split('')) }),
  );
  // ... nor garbage that still reads as one (' 1 ', '0x10', '1e1' and '+1' all pass as numbers).
  const safe = r.writes && !r.body ? garbage.filter((seg) => !isSomeId(seg, missingId)) : garbage;
  return known.length ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 2 }, { arbitrary: safe, weight: 3 }) : safe;
}

function isSomeId(segment: string, except: string): boolean {
  let text: string;
  try {
    text = decodeURIComponent(segment);
  } catch {
    return false;
  }
  const n = Number(text);
  return Number.isInteger(n) && n > 0 && String(n) !== except;
}

/** A query string: the route's own parameters with valid or malformed values, unknown keys, repeats, raw garbage. */
function queryArb(r: RouteInfo): fc.Arbitrary<string> {
  const names = Object.keys(r.query);
  const valueFor = (name: string): fc.Arbitrary<string> => {
    const s = r.query[name];
    const valid: fc.Arbitrary<string>[] = [];
    if (s.enum) valid.push(fc.constantFrom(...s.enum.map(String)));
    else if (s.type === 'integer') valid.push(fc.integer({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 1000, 1_000_000) }).map(String));
    else if (s.pattern?.includes('[0-9]{4}')) valid.push(fc.constantFrom(K, OTHER, '0999', '9999'));
    else if (s.pattern?.includes('\\d{4}-\\d{2}')) valid.push(fc.constantFrom('2024-01-01', '2026-12-31', '2024-13-45', '2024-02-30', '0000-00-00'));
    else valid.push(fc.string({ maxLength: 20 }));
    return fc.oneof(...valid, textArb);
  };
  const pair = fc.oneof(
    { arbitrary: names.length ? fc.constantFrom(...names).chain((n) => valueFor(n).map((v) => `${n}=${enc(v.slice(0, 5000))}`)) : fc.constant('x=1'), weight: 6 },
    { arbitrary: fc.tuple(textArb, textArb).map(([k, v]) => `${enc(k.slice(0, 200))}=${enc(v.slice(0, 2000))}`), weight: 2 },
    { arbitrary: fc.constantFrom(...rawUrlGarbage, 'a[b]=c', 'a[]=1', '__proto__[x]=1', 'constructor[prototype][x]=1', '=1', 'a', '&&', 'a=1=2'), weight: 2 },
    ...(names.length ? [{ arbitrary: fc.constantFrom(...names).map((n) => `${n}=1&${n}=2`), weight: 1 }] : []),
  );
  return fc.array(pair, { maxLength: 6 }).map((ps) => ps.join('&'));
}

type Share = 'admin' | 'anonymous' | 'badCsrf';

interface Request {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  label: string;
}

// ---------------------------------------------------------------- the database before and after

/** Row count and md5 of the ordered rows of every domain table (not the logs nor the login bookkeeping). */
async function fingerprint(db: Db): Promise<Record<string, string>> {
  const skip = new Set(['audit_event', 'user_session', 'import_job']);
  const skipColumns: Record<string, string[]> = { app_user: ['failed_logins', 'locked_until'] };
  const { rows: tables } = await db.pool.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name: t } of tables) {
    if (skip.has(t)) continue;
    const { rows: cols } = await db.pool.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [t],
    );
    const list = cols.map((c) => `"${c.column_name}"`).filter((c) => !(skipColumns[t] ?? []).includes(c.slice(1, -1)));
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS h FROM (SELECT ${list.join(', ')} FROM "${t}") r`,
    );
    out[t] = `${rows[0].n} ${rows[0].h}`;
  }
  return out;
}

const show = (r: Request) =>
  `${r.method} ${r.url.length > 300 ? r.url.slice(0, 300) + `… (${r.url.length} tegn)` : r.url}\n` +
  `  headers: ${JSON.stringify(r.headers, (_k, v) => (typeof v === 'string' && v.length > 200 ? v.slice(0, 200) + '…' : v))}\n` +
  `  body (${r.label}, ${r.payload?.length ?? 0} bytes): ${r.payload === undefined ? '' : JSON.stringify((Buffer.isBuffer(r.payload) ? r.payload.toString('latin1') : r.payload).slice(0, 400))}`;

// ---------------------------------------------------------------- the suite

let op: OidcProvider;
beforeAll(async () => {
  op = await startOidcProvider();
});
afterAll(() => op?.close());

describeDb('fuzz: every API route with malformed input', (ctx) => {
  let app: App;
  let admin: AuthHeaders;
  let adminId: number;
  let valid: Record<string, string[]>;
  let missingId: string;
  let hints: UploadHints;
  const serverErrors: string[] = [];

  beforeAll(async () => {
    app = await buildTestApp(ctx.db, {
      ALMEN_OIDC_ISSUER: op.issuer,
      ALMEN_OIDC_CLIENT_ID: op.clientId,
      ALMEN_OIDC_CLIENT_SECRET: op.clientSecret,
      ALMEN_PUBLIC_URL: 'http://localhost:3000',
      ALMEN_UPLOAD_MAX_BYTES: String(256 * 1024),
    });
    // What went wrong inside, for the report of a 5xx (the test app does not log).
    app.addHook('onError', async (req, _reply, err) => {
      serverErrors.push(`${req.method} ${req.url.slice(0, 200)}: ${err.stack ?? err.message}`);
    });

    // Register data in the user's municipality and in another one.
    const db = ctx.db;
    const org = await f.boligorganisation(db, { kommunekode: K });
    const orgOther = await f.boligorganisation(db, { kommunekode: OTHER });
    const afd = [];
    for (let i = 0; i < 4; i++) afd.push(await f.afdeling(db, { kommunekode: K, boligorganisation_id: org.id }));
    afd.push(await f.afdeling(db, { kommunekode: OTHER, boligorganisation_id: orgOther.id }));
    for (const a of afd) for (let i = 0; i < 3; i++) await f.bolig(db, { afdeling_id: a.id });
    const omr = await f.boligomraade(db, { kommunekode: K, afdeling_ids: [afd[0].id, afd[1].id] });
    for (const a of afd) await f.noegletal(db, { afdeling_id: a.id, beboere: 250, husstande: 120, uden_for_arbejde_pct: 31.5 });
    await f.noegletal(db, { boligomraade_id: omr.id, beboere: 600 });
    await f.boligmasse(db, { kommunekode: K });
    await f.importJob(db);
    const ring = parseKeyring(TEST_KEYS);
    for (const [kommunekode, cpr] of [[K, '010190-1234'], [K, '311299-4321'], [OTHER, '150550-5555']]) {
      await createAnsoeger(db, ring, systemActor('test'), { kommunekode, cpr, navn: 'Test Testesen', telefon: null, email: null, maalgruppe: 'hjemløse' });
    }
    const everyRole = [grant('administrator', K), grant('boligkontor', K), grant('anvisning', K), grant('laeser', K), grant('boligorganisation', K, org.id)];
    const u = await createTestUser(db, everyRole);
    adminId = u.id;
    admin = await login(app, u.username);
    const other = await createTestUser(db, [grant('laeser', K)]);

    const ids = async (table: string) => (await db.pool.query(`SELECT id::text FROM ${table} ORDER BY id`)).rows.map((r) => r.id as string);
    const all = [...new Set([...(await ids('afdeling')), ...(await ids('boligorganisation')), ...(await ids('boligomraade')), ...(await ids('ansoeger')), ...(await ids('import_job')), String(other.id), String(u.id)])];
    const max = Math.max(...all.map(Number), ...(await ids('bolig')).map(Number), ...(await ids('app_user')).map(Number));
    missingId = String(max + 1000);
    valid = { id: [...all, missingId], kind: [...importKinds] };
    const csvHeaders: string[] = [];
    for (const kind of importKinds) {
      const t = await app.inject({ method: 'GET', url: `/api/import-formats/${kind}/template.csv` });
      if (t.statusCode === 200) csvHeaders.push(t.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]);
    }
    hints = { kinds: [...importKinds], csvHeaders: csvHeaders.length ? csvHeaders : ['a;b;c'] };
  });
  afterAll(() => app?.close());

  it('answers malformed requests to every API route without a 5xx, and changes nothing in the register', async () => {
    const routes = routeInfos(app);
    expect(routes.length).toBeGreaterThan(20);
    const before = await fingerprint(ctx.db);
    const succeededBefore = (await ctx.db.pool.query(`SELECT id FROM import_job WHERE state = 'succeeded'`)).rows.map((r) => String(r.id));
    const otherSession = await createSession(ctx.db, adminId, 'password', 1, { ip: null, userAgent: null });

    const failures: string[] = [];
    /** FUZZ_KEEP_GOING=1: record every bad answer instead of stopping at a route's first (for investigating). */
    const keepGoing = process.env.FUZZ_KEEP_GOING === '1';
    /** Writing routes that answered 2xx (only possible where a route takes no input, as sign-out). */
    const accepted = new Map<string, number>();
    const statuses = new Map<number, number>();
    let sent = 0;
    const started = Date.now();

    async function send(r: Request): Promise<LightMyRequestResponse> {
      sent++;
      const res = await app.inject({ method: r.method as 'GET', url: r.url, headers: r.headers, payload: r.payload });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      return res;
    }

    function headersArb(share: Share): fc.Arbitrary<Record<string, string>> {
      const odd = fc.option(
        fc.constantFrom<Record<string, string>>(
          { accept: 'text/csv' },
          { accept: 'application/xml' },
          { 'accept-language': 'x'.repeat(10_000) },
          { 'x-forwarded-for': "' OR 1=1 --" },
          { 'user-agent': 'u'.repeat(5000) },
          { cookie: 'almen_session=; almen_oidc=garbage' },
        ),
        { nil: {} },
      );
      if (share === 'admin') return odd.map((o) => ({ ...o, ...admin }));
      if (share === 'badCsrf') {
        const token = fc.oneof(fc.constantFrom('', 'x', admin['x-csrf-token'] + 'x', otherSession.csrfToken, `${admin['x-csrf-token']}, ${admin['x-csrf-token']}`), textArb.map((s) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 200)));
        return fc.tuple(odd, fc.option(token, { nil: undefined })).map(([o, t]) => ({ ...o, cookie: admin.cookie, ...(t === undefined ? {} : { 'x-csrf-token': t }) }));
      }
      // No session, or a cookie that is not one.
      const cookie = fc.option(
        fc.oneof(
          fc.constantFrom('almen_session=', 'almen_session=x', `almen_session=${'a'.repeat(5000)}`, 'almen_oidc=v1:t1:x:y:z', 'almen_session=%zz', '=;;=;'),
          textArb.map((s) => `almen_session=${enc(s.slice(0, 300))}; almen_oidc=${enc(s.slice(0, 100))}`),
        ),
        { nil: undefined },
      );
      return fc.tuple(odd, cookie, fc.option(textArb.map((s) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 100)), { nil: undefined })).map(([o, c, t]) => ({
        ...o,
        ...(c === undefined ? {} : { cookie: c }),
        ...(t === undefined ? {} : { 'x-csrf-token': t }),
      }));
    }

    function requestArb(r: RouteInfo, share: Share): fc.Arbitrary<Request> {
      const segs = fc.tuple(...r.params.map((p) => segmentArb(p, valid, r, missingId)));
      const body: fc.Arbitrary<Body> = r.writes ? bodyArb(r, hints) : fc.constant({ label: 'none' });
      return fc.record({ segs, query: fc.option(queryArb(r), { nil: '', freq: 3 }), body, headers: headersArb(share) }).map(({ segs: values, query, body: b, headers }) => {
        let i = 0;
        const path = r.url.replace(/:([A-Za-z_]+)/g, () => values[i++]);
        const h = { ...headers };
        if (b.contentType !== undefined) h['content-type'] = b.contentType;
        return { method: r.method, url: query ? `${path}?${query}` : path, headers: h, payload: b.payload, label: b.label };
      });
    }

    const shares: [Share, number][] = [
      ['admin', RUNS.admin],
      ['anonymous', RUNS.anonymous],
      ['badCsrf', RUNS.badCsrf],
    ];
    for (const [ri, r] of routes.entries()) {
      for (const [si, [share, runs]] of shares.entries()) {
        const numRuns = r.method === 'HEAD' ? Math.ceil((RUNS.head * runs) / RUNS.admin) : share === 'admin' && r.writes ? RUNS.adminWrites : runs;
        let last: { req: Request; res: LightMyRequestResponse } | undefined;
        const errorsBefore = serverErrors.length;
        const result = await fc.check(
          fc.asyncProperty(requestArb(r, share), async (req) => {
            const res = await send(req);
            last = { req, res };
            const bad = res.statusCode >= 500 || /node_modules|\n\s+at |syntax error at or near/.test(res.body); // never a stack trace or SQL
            if (bad && keepGoing) {
              failures.push(`${show(req)}\n  -> ${res.statusCode} ${res.body.slice(0, 200)}\n  ${(serverErrors.at(-1) ?? '').split('\n').slice(0, 3).join('\n  ')}`);
              return true;
            }
            if (bad) return false;
            if (r.writes && res.statusCode < 300) {
              const key = `${req.method} ${r.url} -> ${res.statusCode}`;
              accepted.set(key, (accepted.get(key) ?? 0) + 1);
              // A sign-out that got through (a body fastify could parse): sign in again, cheaply.
              const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: admin.cookie } });
              if (!me.json().user) {
                const s = await createSession(ctx.db, adminId, 'password', 1, { ip: null, userAgent: null });
                admin = { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken };
              }
            }
            return true;
          }),
          { seed: SEED + ri * 31 + si, numRuns, endOnFailure: true },
        );
        if (result.failed) {
          const cause = serverErrors.slice(errorsBefore).at(-1) ?? (result.errorInstance as Error | null)?.message ?? '';
          failures.push(
            `${r.method} ${r.url} som ${share} (seed ${SEED + ri * 31 + si}, kørsel ${result.numRuns}):\n` +
              (last ? `${show(last.req)}\n  -> ${last.res.statusCode} ${last.res.body.slice(0, 300)}\n` : '') +
              `  ${cause.split('\n').slice(0, 8).join('\n  ')}`,
          );
        }
      }
    }

    // Besides the random requests, a sweep: every hazardous text in every query and path parameter of every route.
    let swept = 0;
    const sweepFailures: string[] = [];
    async function sweep(req: Request) {
      swept++;
      const res = await send(req);
      if (res.statusCode >= 500 && sweepFailures.length < 30) sweepFailures.push(`${show(req)}\n  -> ${res.statusCode}\n  ${(serverErrors.at(-1) ?? '').split('\n').slice(0, 3).join('\n  ')}`);
    }
    const hazards = [...nasty.map(enc), ...rawUrlGarbage];
    for (const r of routes) {
      if (r.method === 'HEAD') continue;
      const fill = (p: string) => (r.writes && !r.body ? missingId : (valid[p]?.[0] ?? '1'));
      const path = (over: Record<string, string> = {}) => r.url.replace(/:([A-Za-z_]+)/g, (_m, p: string) => over[p] ?? fill(p));
      const body = r.writes && r.body ? { payload: '[]', headers: { ...admin, 'content-type': 'application/json' } } : { payload: undefined, headers: { ...admin } };
      if (!r.writes) {
        // Enumerations are matched exactly by the schema; the other parameters may reach SQL. An unknown
        // parameter is dropped by the schema: it gets only what could trip the query-string parser.
        for (const name of Object.keys(r.query).filter((n) => !r.query[n].enum)) {
          for (const h of hazards) await sweep({ method: r.method, url: `${path()}?${name}=${h}`, headers: { ...admin }, label: 'sweep' });
        }
        for (const h of rawUrlGarbage) await sweep({ method: r.method, url: `${path()}?x=${h}&${h}=1`, headers: { ...admin }, label: 'sweep' });
      }
      for (const p of r.params) {
        for (const h of hazards) {
          if (r.writes && !r.body && isSomeId(h, missingId)) continue;
          await sweep({ method: r.method, url: path({ [p]: h }), headers: body.headers, payload: body.payload, label: 'sweep' });
        }
      }
    }
    failures.push(...sweepFailures);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const after = await fingerprint(ctx.db);
    const newSucceeded = (
      await ctx.db.pool.query(`SELECT id, kind, file_name FROM import_job WHERE state = 'succeeded' AND NOT (id::text = ANY($1))`, [succeededBefore])
    ).rows;
    const failedJobs = Number((await ctx.db.pool.query(`SELECT count(*) FROM import_job WHERE state <> 'succeeded'`)).rows[0].count);
    console.log(
      `fuzz [${ctx.kind}]: ${sent} forespørgsler (${sent - swept} tilfældige, ${swept} i gennemløbet af farlige værdier) til ${routes.length} ruter på ${seconds} s; svar: ` +
        [...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ') +
        `; ${failedJobs} afviste importjob; skrivende ruter der svarede 2xx: ` +
        ([...accepted].map(([k, n]) => `${k} ×${n}`).join(', ') || 'ingen'),
    );
    if (failures.length) console.log(`fuzz [${ctx.kind}] fejl:\n${failures.join('\n\n')}`);
    expect(failures).toEqual([]);
    // Only a route that takes no input at all (sign-out) may answer a writing request with success.
    const takesInput = new Set(routes.filter((r) => r.params.length || r.body).map((r) => `${r.method} ${r.url}`));
    expect([...accepted.keys()].filter((k) => takesInput.has(k.split(' -> ')[0]))).toEqual([]);
    expect(newSucceeded).toEqual([]);
    expect(after).toEqual(before);
    expect(sent).toBeGreaterThan(2000);
  }, 600_000);
});
