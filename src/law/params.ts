// Loads the dated legal parameters in law/ (DESIGN.md convention 1): one YAML file per parameter,
// `law/<act>/<topic>/<name>.yaml`, values keyed by the ISO date they take effect, `null` ends a value, ranges
// are half-open [from, to). Every value must carry `ref: {act, paragraph, url}` or the load fails.
// `param(name, date)` throws a LawParamError naming the parameter and the date outside its ranges: never 0.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dato skal være ÅÅÅÅ-MM-DD');

export const refSchema = z.object({ act: z.string().min(1), paragraph: z.string().min(1), url: z.string().url() });
export type LawRef = z.infer<typeof refSchema>;

const valueSchema = z.object({
  value: z.union([z.number(), z.string(), z.boolean()]),
  ref: refSchema,
  verified: z.enum(['VERIFIED', 'SECONDARY', 'DERIVED', 'UNVERIFIED']),
  note: z.string().optional(),
});

const fileSchema = z.object({
  description: z.string().min(1),
  unit: z.string().min(1),
  reviewedOn: isoDate,
  source: z.string().optional(),
  values: z.record(isoDate, valueSchema.nullable()),
});

export type ParamScalar = number | string | boolean;

/** One value of a parameter with the range it is in force: [from, to), to null when open. */
export interface ParamVersion {
  name: string;
  value: ParamScalar;
  from: string;
  to: string | null;
  ref: LawRef;
  verified: 'VERIFIED' | 'SECONDARY' | 'DERIVED' | 'UNVERIFIED';
  note?: string;
}

export interface LawParam {
  name: string;
  description: string;
  unit: string;
  reviewedOn: string;
  versions: ParamVersion[];
}

export class LawParamError extends Error {
  constructor(
    readonly paramName: string,
    readonly date: string,
    message: string,
  ) {
    super(message);
    this.name = 'LawParamError';
  }
}

export class LawLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LawLoadError';
  }
}

/** The source of parameters a rule reads. A what-if is the same rule with another Params. */
export interface Params {
  /** The version in force on `date` (ISO); throws LawParamError outside every range. */
  version(name: string, date: string): ParamVersion;
  /** The numeric value in force on `date`; throws LawParamError outside every range or if not a number. */
  param(name: string, date: string): number;
  /** Whether the parameter has a value in force on `date`. */
  inForce(name: string, date: string): boolean;
}

/** Parses one parameter file's text; `name` is the file name without .yaml. */
export function parseParamFile(name: string, text: string): LawParam {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new LawLoadError(`${name}: ugyldig YAML: ${(e as Error).message}`);
  }
  const r = fileSchema.safeParse(raw);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(rod)'}: ${i.message}`).join('; ');
    throw new LawLoadError(`${name}: ${issues}`);
  }
  const dates = Object.keys(r.data.values).sort();
  if (dates.length === 0) throw new LawLoadError(`${name}: ingen værdier`);
  if (r.data.values[dates[0]] === null) throw new LawLoadError(`${name}: første dato ${dates[0]} er null`);
  const versions: ParamVersion[] = [];
  for (let i = 0; i < dates.length; i++) {
    const v = r.data.values[dates[i]];
    if (v === null) continue;
    versions.push({
      name,
      value: v.value,
      from: dates[i],
      to: dates[i + 1] ?? null,
      ref: v.ref,
      verified: v.verified,
      ...(v.note ? { note: v.note } : {}),
    });
  }
  return { name, description: r.data.description, unit: r.data.unit, reviewedOn: r.data.reviewedOn, versions };
}

export function paramsFrom(list: LawParam[]): Params & { all: ReadonlyMap<string, LawParam> } {
  const all = new Map<string, LawParam>();
  for (const p of list) {
    if (all.has(p.name)) throw new LawLoadError(`${p.name}: parameteren findes to gange`);
    all.set(p.name, p);
  }
  const find = (name: string, date: string): ParamVersion | undefined => {
    const p = all.get(name);
    if (!p) throw new LawParamError(name, date, `Parameteren ${name} findes ikke i law/.`);
    return p.versions.find((v) => v.from <= date && (v.to === null || date < v.to));
  };
  const version = (name: string, date: string): ParamVersion => {
    if (!isoDate.safeParse(date).success) throw new LawParamError(name, date, `Ugyldig dato ${date} for parameteren ${name}.`);
    const v = find(name, date);
    if (!v) {
      const ranges = all.get(name)!.versions.map((x) => `[${x.from}, ${x.to ?? '…'})`).join(', ');
      throw new LawParamError(name, date, `Parameteren ${name} har ingen værdi i kraft ${date} (gælder ${ranges}).`);
    }
    return v;
  };
  return {
    all,
    version,
    param(name, date) {
      const v = version(name, date);
      if (typeof v.value !== 'number') throw new LawParamError(name, date, `Parameteren ${name} er ikke et tal ${date}.`);
      return v.value;
    },
    inForce(name, date) {
      if (!all.has(name)) throw new LawParamError(name, date, `Parameteren ${name} findes ikke i law/.`);
      return find(name, date) !== undefined;
    },
  };
}

export const defaultLawDir = fileURLToPath(new URL('../../law', import.meta.url));

/** Reads every .yaml under `dir` (recursively); the parameter name is the file name without .yaml. */
export function loadLaw(dir: string = defaultLawDir): Params & { all: ReadonlyMap<string, LawParam> } {
  const list: LawParam[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml')) list.push(parseParamFile(e.name.slice(0, -5), fs.readFileSync(p, 'utf8')));
    }
  };
  walk(dir);
  return paramsFrom(list);
}

/** A what-if: the same parameters with some values replaced (every date); the result records which. */
export function withOverrides(base: Params, overrides: Record<string, number>): Params {
  const over = (v: ParamVersion): ParamVersion =>
    v.name in overrides ? { ...v, value: overrides[v.name], note: `Hvad-hvis: ${v.value} erstattet af ${overrides[v.name]}` } : v;
  return {
    version: (n, d) => over(base.version(n, d)),
    param: (n, d) => (n in overrides && base.inForce(n, d) ? overrides[n] : base.param(n, d)),
    inForce: (n, d) => base.inForce(n, d),
  };
}
