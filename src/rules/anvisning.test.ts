import fs from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../errors.ts';
import { loadLaw, paramsFrom, type LawParam, type Params } from '../law/params.ts';
import {
  addMonths,
  affordability,
  alderPaa,
  boligstoette,
  consecutiveMonths,
  eligibility,
  sidestillesMedAegtefaelle,
  somUdelukkelse,
  STANDARD_BETALINGSEVNE,
  validateHusstand,
  ydelsesloeb,
  YDELSESARTER,
  YDELSESGRUPPER,
  type Husstand,
  type HuslejeFakta,
  type Kategori,
  type LoebSlut,
  type Medlem,
  type Ydelsesart,
  type Ydelseshistorik,
} from './anvisning.ts';

const law = loadLaw();

// ---------------------------------------------------------------------------------------------------------------
// The shorthand of anvisning.cases.yaml

type Periode = [Ydelsesart, string, string];
interface MedlemSpec extends Partial<Omit<Medlem, 'ydelser'>> {
  perioder?: Periode[];
  oplyst?: [string, string];
  ukendt?: string[];
}
interface HusstandSpec {
  medlemmer?: MedlemSpec[];
  indkomst?: number;
  art?: Husstand['boligstoetteart'];
}

function months(fra: string, til: string): string[] {
  const [fy, fm] = fra.split('-').map(Number);
  const [ty, tm] = til.split('-').map(Number);
  const out: string[] = [];
  for (let i = fy * 12 + fm - 1; i <= ty * 12 + tm - 1; i++) out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}
const expand = (ps: Periode[]) => ps.flatMap(([art, fra, til]) => months(fra, til).map((maaned) => ({ maaned, art })));

function ydelser(spec: { perioder?: Periode[]; oplyst?: [string, string] }, date: string): Ydelseshistorik {
  const [oplystFra, oplystTil] = spec.oplyst ?? [`${Number(date.slice(0, 4)) - 3}-01`, date.slice(0, 7)];
  return { oplystFra, oplystTil, maaneder: expand(spec.perioder ?? []) };
}

function medlem(spec: MedlemSpec, i: number, date: string): Medlem {
  const { perioder, oplyst, ukendt, ...rest } = spec;
  const rolle = rest.rolle ?? 'ansoeger';
  const m: Medlem = {
    id: `m${i}`,
    rolle,
    alder: rolle === 'barn' ? 10 : 40,
    euEoesSchweiz: true,
    studerende: false,
    loesladelser: [],
    lejemaalOphaevet: [],
    ydelser: ydelser({ perioder, oplyst }, date),
    ...rest,
  } as Medlem;
  for (const f of ukendt ?? []) delete (m as unknown as Record<string, unknown>)[f];
  return m;
}

function husstand(spec: HusstandSpec | undefined, date: string): Husstand {
  const s = spec ?? {};
  return {
    medlemmer: (s.medlemmer ?? [{}]).map((m, i) => medlem(m, i, date)),
    ...(s.indkomst !== undefined ? { husstandsindkomstAar: s.indkomst } : {}),
    ...(s.art ? { boligstoetteart: s.art } : {}),
  };
}

/** The committed law with some parameters given another value on every date (also text and yes/no values). */
function medParams(over: Record<string, string | number | boolean> | undefined): Params {
  if (!over) return law;
  const list: LawParam[] = [...law.all.values()].map((p) =>
    p.name in over ? { ...p, versions: p.versions.map((v) => ({ ...v, value: over[p.name], note: `Hvad-hvis: ${v.value} erstattet af ${over[p.name]}` })) } : p,
  );
  return paramsFrom(list);
}

interface Cases {
  consecutiveMonths: { name: string; perioder: Periode[]; kinds: keyof typeof YDELSESGRUPPER; asOf: string; slut?: LoebSlut; expect: number }[];
  ydelsesloeb: { name: string; ydelser: { perioder?: Periode[]; oplyst?: [string, string] } | null; kinds: keyof typeof YDELSESGRUPPER; asOf: string; expect: Record<string, unknown> }[];
  spouse: { name: string; medlem: Partial<Medlem>; date: string; expect: boolean | 'ukendt'; fra?: string }[];
  eligibility: {
    name: string;
    date: string;
    kategorier: Kategori[];
    husstand?: HusstandSpec;
    vej?: 'kommunal_anvisning' | 'venteliste';
    boligsoegendeBorIAfdelingen?: boolean;
    params?: Record<string, string | number | boolean>;
    throws?: string;
    expect?: Record<string, any>;
  }[];
  boligstoette: { name: string; date: string; husstand?: HusstandSpec; husleje: number | HuslejeFakta; throws?: string; expect?: Record<string, any> }[];
  affordability: { name: string; date: string; husstand?: HusstandSpec; husleje: number | HuslejeFakta; maxAndelPct?: number; throws?: string; expect: Record<string, any> }[];
}
const file = parse(fs.readFileSync(new URL('./anvisning.cases.yaml', import.meta.url), 'utf8')) as Cases;

// ---------------------------------------------------------------------------------------------------------------
// Golden cases

describe('consecutiveMonths golden cases (anvisning.cases.yaml)', () => {
  for (const c of file.consecutiveMonths) {
    it(c.name, () => {
      expect(consecutiveMonths(expand(c.perioder), YDELSESGRUPPER[c.kinds], c.asOf, c.slut)).toBe(c.expect);
    });
  }
});

describe('ydelsesloeb golden cases (anvisning.cases.yaml)', () => {
  for (const c of file.ydelsesloeb) {
    it(c.name, () => {
      const h = c.ydelser === null ? undefined : ydelser(c.ydelser, c.asOf);
      const r = ydelsesloeb(h, YDELSESGRUPPER[c.kinds], c.asOf, 6);
      const { mangler, ...rest } = c.expect;
      expect(r).toMatchObject(rest);
      if (mangler) expect(r.mangler).toContain(mangler as string);
    });
  }
});

describe('the spouse rule golden cases (anvisning.cases.yaml)', () => {
  for (const c of file.spouse) {
    it(c.name, () => {
      const m = { id: 'x', rolle: 'samlever', ...c.medlem } as Medlem;
      const r = sidestillesMedAegtefaelle(m, c.date, law);
      expect(r.sidestilles, r.tekst).toBe(c.expect);
      if (c.fra) expect(r.fra).toBe(c.fra);
      expect(r.parametre.map((p) => p.navn)).toContain('samlever_sidestilles_aegtefaelle_min_aar');
    });
  }
});

describe('eligibility golden cases (anvisning.cases.yaml)', () => {
  for (const c of file.eligibility) {
    it(c.name, () => {
      const params = medParams(c.params);
      const run = () =>
        eligibility(husstand(c.husstand, c.date), { kategorier: c.kategorier }, c.date, params, {
          ...(c.vej ? { vej: c.vej } : {}),
          ...(c.boligsoegendeBorIAfdelingen !== undefined ? { boligsoegendeBorIAfdelingen: c.boligsoegendeBorIAfdelingen } : {}),
        });
      if (c.throws) {
        expect(run).toThrow(new RegExp(c.throws));
        return;
      }
      const r = run();
      const e = c.expect!;
      const why = `${r.konklusion}\n${r.proevet.map((g) => `${g.nr} ${g.udfald}: ${g.tekst}`).join('\n')}`;
      expect(r.tilladt, why).toBe(e.tilladt);
      expect(r.status).toBe(e.tilladt === true ? 'tilladt' : e.tilladt === false ? 'udelukket' : 'kan_ikke_afgoeres');
      if (e.grunde) expect(r.grunde.map((g) => g.nr), why).toEqual(e.grunde);
      if (e.ukendte) expect(r.ukendte.map((g) => g.nr), why).toEqual(e.ukendte);
      if (e.proevet !== undefined) expect(r.proevet).toHaveLength(e.proevet);
      if (e.paragraf) expect(r.grunde[0].paragraf).toBe(e.paragraf);
      const texts = [...r.grunde, ...r.ukendte].map((g) => g.tekst).join('\n');
      for (const s of e.tekst ?? []) expect(texts, why).toContain(s);
      for (const s of e.mangler ?? []) expect(r.mangler.join('\n'), why).toContain(s);
      for (const s of e.oplysninger ?? []) expect(r.oplysninger.join('\n')).toContain(s);
      for (const s of e.fortolkninger ?? []) expect(r.fortolkninger.join('\n')).toContain(s);
      for (const [nr, v] of Object.entries(e.verificeret ?? {})) expect(r.proevet.find((g) => g.nr === nr)?.verificeret, nr).toBe(v);
      // Every ground cites a paragraph, names a member (or the applicant) and carries a mark; the answer says why.
      for (const g of r.proevet) {
        expect(g.paragraf).toMatch(/^§ /);
        expect(g.nr).toMatch(/^§ /);
        expect(['VERIFIED', 'SECONDARY', 'DERIVED', 'UNVERIFIED']).toContain(g.verificeret);
        expect(g.tekst.length).toBeGreaterThan(10);
        if (g.medlem) expect(g.tekst).toContain(g.medlem === 'Ansøger' && g.paragraf === '§ 51 c' ? 'Ansøger' : g.medlem);
        expect(g.udfald === 'ukendt' ? g.mangler.length > 0 : g.mangler.length === 0).toBe(true);
      }
      if (r.status === 'kan_ikke_afgoeres') expect(r.konklusion).toMatch(/^Kan ikke afgøres: mangler /);
      if (r.regler.length > 0) expect(r.parametre.length).toBeGreaterThan(0);
    });
  }
});

describe('boligstoette golden cases (anvisning.cases.yaml)', () => {
  for (const c of file.boligstoette) {
    it(c.name, () => {
      const run = () => boligstoette(husstand(c.husstand, c.date), c.husleje, c.date, law);
      if (c.throws) {
        expect(run).toThrow(new RegExp(c.throws));
        return;
      }
      const r = run();
      const e = c.expect!;
      const why = r.trin.map((t) => `${t.id}: ${t.tekst}`).join('\n');
      expect(r.skoen).toBe(true);
      expect(r.advarsel).toMatch(/ikke Udbetaling Danmarks afgørelse/);
      expect(r.status, why).toBe(e.status ?? 'beregnet');
      if (e.art) expect(r.art).toBe(e.art);
      if ('aarligt' in e) expect(r.aarligt, why).toBe(e.aarligt);
      if ('maanedligt' in e) expect(r.maanedligt, why).toBe(e.maanedligt);
      if ('usikker' in e) expect(r.usikker, r.forbehold.join('\n')).toBe(e.usikker);
      for (const [id, v] of Object.entries(e.trin ?? {})) expect(r.trin.find((t) => t.id === id)?.vaerdi, `${id}\n${why}`).toBeCloseTo(v as number, 2);
      for (const s of e.tekst ?? []) expect(why).toContain(s);
      for (const s of e.forbehold ?? []) expect(r.forbehold.join('\n')).toContain(s);
      for (const s of e.mangler ?? []) expect(r.mangler.join('\n')).toContain(s);
      if ('satserFra' in e) expect(r.satserFra).toBe(e.satserFra);
      if ('satserNote' in e) expect(r.satserNote).toBe(e.satserNote);
      // Decision 021: the marker and the reservation go together, and the setting is among the parameters used.
      expect(r.forbehold.some((f) => f.includes('er ikke indlæst i Almen'))).toBe(r.satserFra !== null);
      expect(r.parametre.some((p) => p.navn === 'boligstoette_skoen_max_aar_efter_satser')).toBe(r.satserFra !== null);
      if (r.status === 'beregnet') {
        expect(r.trin.at(-1)?.id).toBe('resultat');
        expect(r.parametre.length).toBeGreaterThan(10);
        expect(r.aarligt).toBe(Math.floor(r.aarligt!));
        for (const t of r.trin) expect(t.tekst).not.toMatch(/kr\.\./);
      }
    });
  }
});

describe('affordability golden cases (anvisning.cases.yaml)', () => {
  for (const c of file.affordability) {
    it(c.name, () => {
      const run = () => affordability(husstand(c.husstand, c.date), c.husleje, c.date, law, c.maxAndelPct === undefined ? {} : { maxAndelPct: c.maxAndelPct });
      if (c.throws) {
        expect(run).toThrow(new RegExp(c.throws));
        return;
      }
      const r = run();
      const e = c.expect;
      const why = r.begrundelse.join('\n');
      expect(r.status, why).toBe(e.status);
      for (const k of ['andelPct', 'nettoHusleje', 'maxNettoHusleje', 'luft'] as const) if (k in e) expect(r[k], k).toBeCloseTo(e[k], 2);
      if (e.kilde) expect(r.indstilling.kilde).toBe(e.kilde);
      if ('satserFra' in e) expect(r.satserFra).toBe(e.satserFra);
      if ('satserNote' in e) expect(r.satserNote).toBe(e.satserNote);
      expect(r.satserFra).toBe(r.boligstoette.satserFra);
      for (const s of e.begrundelse ?? []) expect(why).toContain(s);
      for (const s of e.mangler ?? []) expect(r.mangler.join('\n')).toContain(s);
      expect(r.indstilling.tekst).toMatch(/produktindstilling, ikke lov/);
      expect(r.begrundelse.length).toBeGreaterThan(1);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Other checks

describe('helpers', () => {
  it('addMonths keeps the day or takes the last day of a shorter month', () => {
    expect(addMonths('2026-06-15', -6)).toBe('2025-12-15');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2028-08-31', -6)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-01', -15)).toBe('2024-12-01');
  });
  it('alderPaa counts whole years; a 29 February birthday falls on 28 February', () => {
    expect(alderPaa({ foedselsdato: '2008-06-15' }, '2026-06-14')).toBe(17);
    expect(alderPaa({ foedselsdato: '2008-06-15' }, '2026-06-15')).toBe(18);
    expect(alderPaa({ foedselsdato: '2008-02-29' }, '2026-02-27')).toBe(17);
    expect(alderPaa({ foedselsdato: '2008-02-29' }, '2026-02-28')).toBe(18);
    expect(alderPaa({ alder: 30 }, '2026-01-01')).toBe(30);
    expect(alderPaa({}, '2026-01-01')).toBeUndefined();
  });
  it('validateHusstand names the field', () => {
    const bad = { medlemmer: [{ id: 'a', rolle: 'ansoeger', ydelser: { oplystFra: '2026-13', oplystTil: '2026-01', maaneder: [] } }] } as unknown as Husstand;
    try {
      validateHusstand(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details?.fields?.[0].field).toBe('medlemmer.0.ydelser');
    }
    expect(() => validateHusstand({ medlemmer: [] })).toThrow(/mindst ét medlem/);
    expect(() => validateHusstand({ medlemmer: [{ id: 'a', rolle: 'ansoeger' }, { id: 'b', rolle: 'aegtefaelle' }, { id: 'c', rolle: 'samlever' }] })).toThrow(/højst have én ægtefælle eller samlever/);
    expect(() => validateHusstand({ medlemmer: [{ id: 'a', rolle: 'ansoeger', samleverSiden: '2020-01-01' }] })).toThrow(/Kun en samlever/);
  });
  it('somUdelukkelse gives the batch assignment null, the ground, or the missing facts', () => {
    const d = '2026-06-15';
    const ok = eligibility(husstand({}, d), { kategorier: ['udsat'] }, d, law);
    expect(somUdelukkelse(ok)).toBeNull();
    const ud = eligibility(husstand({ medlemmer: [{ euEoesSchweiz: false }] }, d), { kategorier: ['udsat'] }, d, law);
    expect(somUdelukkelse(ud)).toMatchObject({ paragraf: '§ 59, stk. 6, nr. 4' });
    const uk = eligibility(husstand({ medlemmer: [{ ukendt: ['euEoesSchweiz'] }] }, d), { kategorier: ['udsat'] }, d, law);
    expect(somUdelukkelse(uk)?.grund).toMatch(/^Kan ikke afgøres: mangler Ansøger: statsborgerskab/);
  });
  it('the eligibility result lists the parameters and interpretations it used', () => {
    const d = '2026-06-15';
    const r = eligibility(husstand({}, d), { kategorier: ['udsat', 'forebyggelsesomraade'] }, d, law);
    const navne = r.parametre.map((p) => p.navn);
    for (const n of ['anvisningsbegraensning_udsat', 'anvisningsbegraensning_forebyggelse', 'anvisningsbegraensning_loesladt_maaneder', 'ydelse_sammenhaengende_kalendermaaneder', 'ydelse_loeb_slutmaaned']) expect(navne).toContain(n);
    expect(r.parametre.find((p) => p.navn === 'ydelse_loeb_slutmaaned')?.verificeret).toBe('UNVERIFIED');
    expect(r.regler.map((x) => x.paragraf)).toEqual(['§ 59, stk. 6', '§ 59, stk. 7']);
    expect(r.proevet).toHaveLength(12);
    expect(r.fortolkninger.join(' ')).toMatch(/Fortolkning/);
  });
  it('the boligstøtte parameters hold the 2026 figures of RULES.md 8.2 with their marks', () => {
    const d = '2026-06-01';
    const want: Record<string, [number, string]> = {
      boligydelse_huslejeandel_pct: [75, 'SECONDARY'],
      boligydelse_tillaeg_kr: [8500, 'SECONDARY'],
      boligydelse_indkomstandel_pct: [22.5, 'SECONDARY'],
      boligydelse_indkomstgraense_kr: [201400, 'SECONDARY'],
      boligydelse_boernetillaeg_kr: [53100, 'SECONDARY'],
      boligydelse_egenbetaling_min_pct: [11, 'SECONDARY'],
      boligydelse_egenbetaling_min_kr: [21300, 'SECONDARY'],
      boligydelse_maksimum_kr: [59628, 'SECONDARY'],
      boligydelse_minimum_udbetaling_maaned_kr: [365, 'SECONDARY'],
      boligsikring_huslejeandel_pct: [60, 'VERIFIED'],
      boligsikring_indkomstandel_pct: [18, 'VERIFIED'],
      boligsikring_indkomstgraense_kr: [171500, 'SECONDARY'],
      boligsikring_boernetillaeg_kr: [45200, 'SECONDARY'],
      boligsikring_egenbetaling_min_kr: [28900, 'SECONDARY'],
      boligsikring_maksimum_kr: [50760, 'SECONDARY'],
      boligsikring_uden_boern_max_pct_af_boligudgift: [15, 'VERIFIED'],
      boligstoette_areal_foerste_person_m2: [65, 'SECONDARY'],
      boligstoette_areal_pr_person_m2: [20, 'SECONDARY'],
      boligstoette_husleje_andel_af_indkomst_pct: [50, 'SECONDARY'],
    };
    for (const [n, [v, mark]] of Object.entries(want)) {
      expect(law.param(n, d), n).toBe(v);
      expect(law.version(n, d).verified, n).toBe(mark);
    }
    // 2025 values of RULES.md's comparison row; the 2026 rent caps are not known and not guessed.
    expect(law.param('boligydelse_maksimum_kr', '2025-12-31')).toBe(56892);
    expect(law.param('boligsikring_egenbetaling_min_kr', '2025-12-31')).toBe(28300);
    expect(law.param('boligsikring_max_aarlig_leje_kr', '2025-12-31')).toBe(94200);
    expect(law.inForce('boligsikring_max_aarlig_leje_kr', d)).toBe(false);
    expect(law.inForce('boligydelse_max_aarlig_leje_kr', d)).toBe(false);
    expect(() => law.param('boligsikring_indkomstgraense_kr', '2027-01-01')).toThrow(/boligsikring_indkomstgraense_kr.*2027-01-01/);
  });
  it('a known cap on the yearly housing cost (§ 14) is applied when a sats is in force (what-if)', () => {
    const list = [...law.all.values()].map((p) =>
      p.name === 'boligsikring_max_aarlig_leje_kr' ? { ...p, versions: [{ ...p.versions[0], from: '2025-01-01', to: null }] } : p,
    );
    const w = paramsFrom(list);
    const d = '2026-06-01';
    // 94.200 caps A = 12 × 9.000 = 108.000: couple + 4 children: 60 % × 94.200 = 56.520 < 63.450.
    const h = husstand({ indkomst: 250000, medlemmer: [{}, { rolle: 'aegtefaelle' }, { rolle: 'barn' }, { rolle: 'barn' }, { rolle: 'barn' }, { rolle: 'barn' }] }, d);
    const r = boligstoette(h, { maanedligHusleje: 9000, arealM2: 120 }, d, w);
    expect(r.trin.find((t) => t.id === 'lejeloft')?.vaerdi).toBe(94200);
    expect(r.aarligt).toBe(56520);
    expect(r.forbehold.join(' ')).not.toMatch(/§ 14/);
    expect(boligstoette(h, { maanedligHusleje: 9000, arealM2: 120 }, d, law).forbehold.join(' ')).toMatch(/§ 14/);
  });
  it('the default share is a documented product setting', () => {
    expect(STANDARD_BETALINGSEVNE.maxAndelPct).toBe(30);
    expect(Object.isFrozen(STANDARD_BETALINGSEVNE)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property tests

const arbMonthIdx = fc.integer({ min: 2025 * 12, max: 2026 * 12 + 11 });
const iso = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const arbArt = fc.constantFrom<Ydelsesart>(...YDELSESARTER);
const arbDate = fc.integer({ min: 0, max: 364 }).map((n) => {
  const t = new Date(Date.UTC(2026, 0, 1 + n));
  return t.toISOString().slice(0, 10);
});
const arbKategorier = fc.subarray<Kategori>(['udsat', 'parallelsamfund', 'omdannelsesomraade', 'forebyggelsesomraade']);

/** A member with random facts, some unknown; benefit months within 2025-01..2026-12. */
const arbMedlem = (id: string, rolle: Medlem['rolle']) =>
  fc.record({
    alder: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
    eu: fc.option(fc.boolean(), { nil: undefined }),
    stud: fc.option(fc.boolean(), { nil: undefined }),
    rel: fc.option(fc.array(fc.record({ n: fc.integer({ min: 0, max: 700 }), fra: fc.constantFrom<'faengsel' | 'ungdomsinstitution'>('faengsel', 'ungdomsinstitution') }), { maxLength: 2 }), { nil: undefined }),
    oph: fc.option(fc.array(fc.integer({ min: 0, max: 700 }), { maxLength: 2 }), { nil: undefined }),
    yd: fc.option(fc.array(fc.tuple(arbMonthIdx, arbArt), { maxLength: 30 }), { nil: undefined }),
    extra: fc.array(fc.tuple(arbMonthIdx, arbArt), { maxLength: 12 }),
  }).map((r) => {
    const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);
    const m: Medlem = { id, rolle, ...(rolle === 'samlever' ? { samleverSiden: '2020-01-01' } : {}) };
    if (r.alder !== undefined) m.alder = r.alder;
    if (r.eu !== undefined) m.euEoesSchweiz = r.eu;
    if (r.stud !== undefined) m.studerende = r.stud;
    if (r.rel !== undefined) m.loesladelser = r.rel.map((x) => ({ dato: day(x.n), fra: x.fra }));
    if (r.oph !== undefined) m.lejemaalOphaevet = r.oph.map((n) => ({ dato: day(n) }));
    if (r.yd !== undefined) m.ydelser = { oplystFra: '2025-01', oplystTil: '2026-12', maaneder: r.yd.map(([i, art]) => ({ maaned: iso(i), art })) };
    return { m, extra: r.extra.map(([i, art]) => ({ maaned: iso(i), art })) };
  });
const arbHusstand = fc
  .tuple(arbMedlem('a', 'ansoeger'), fc.option(arbMedlem('b', 'samlever'), { nil: undefined }), fc.option(arbMedlem('c', 'barn'), { nil: undefined }))
  .map((xs) => xs.filter((x) => x !== undefined));

/** A household's shape for the boligstøtte properties: adults, children, pension, area, anvist. */
const arbBolig = fc.record({
  voksne: fc.integer({ min: 1, max: 2 }),
  boern: fc.integer({ min: 0, max: 6 }),
  pensionist: fc.boolean(),
  foertidspension: fc.boolean(),
  areal: fc.option(fc.integer({ min: 20, max: 200 }), { nil: undefined }),
  anvist: fc.boolean(),
});

describe('property tests', () => {
  it('more benefit months never make an excluded household eligible', () => {
    fc.assert(
      fc.property(arbHusstand, arbKategorier, arbDate, (xs, kategorier, date) => {
        const h: Husstand = { medlemmer: xs.map((x) => x.m) };
        const more: Husstand = {
          medlemmer: xs.map((x) => (x.m.ydelser ? { ...x.m, ydelser: { ...x.m.ydelser, maaneder: [...x.m.ydelser.maaneder, ...x.extra] } } : x.m)),
        };
        const a = eligibility(h, { kategorier }, date, law);
        const b = eligibility(more, { kategorier }, date, law);
        if (a.status === 'udelukket') expect(b.status).toBe('udelukket');
        // and every ground met before is still met
        for (const g of a.grunde) expect(b.grunde.some((x) => x.nr === g.nr && x.medlemId === g.medlemId)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a dwelling without categories never excludes under § 59, stk. 6/7, whatever the facts', () => {
    fc.assert(
      fc.property(arbHusstand, fc.integer({ min: 0, max: 3000 }), (xs, n) => {
        const date = new Date(Date.UTC(2018, 11, 1 + n)).toISOString().slice(0, 10);
        const h: Husstand = { medlemmer: xs.map((x) => ({ ...x.m, ...(x.m.ydelser ? { ydelser: { oplystFra: '2025-01', oplystTil: '2026-12', maaneder: [] } } : {}) })) };
        const r = eligibility(h, { kategorier: [] }, date, law);
        expect(r.tilladt).toBe(true);
        expect(r.grunde).toEqual([]);
        expect(r.ukendte).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  const bh = (b: { voksne: number; boern: number; pensionist: boolean; foertidspension: boolean }, indkomst: number): Husstand => ({
    husstandsindkomstAar: indkomst,
    medlemmer: [
      { id: 'a', rolle: 'ansoeger', alder: b.pensionist ? 70 : 40, ydelser: { oplystFra: '2026-01', oplystTil: '2026-12', maaneder: b.pensionist ? [{ maaned: '2026-06', art: 'folkepension' }] : b.foertidspension ? [{ maaned: '2026-06', art: 'foertidspension' }] : [] } },
      ...(b.voksne === 2 ? [{ id: 'b', rolle: 'aegtefaelle' as const, alder: 45, ydelser: { oplystFra: '2026-01', oplystTil: '2026-12', maaneder: [] } }] : []),
      ...Array.from({ length: b.boern }, (_, i) => ({ id: `c${i}`, rolle: 'barn' as const, alder: 2 + i })),
    ],
  });

  it('boligstøtte is non-increasing in income', () => {
    fc.assert(
      fc.property(arbBolig, fc.integer({ min: 0, max: 15000 }), fc.integer({ min: 0, max: 600000 }), fc.integer({ min: 0, max: 200000 }), (b, leje, i1, d) => {
        const f = { maanedligHusleje: leje, ...(b.areal ? { arealM2: b.areal } : {}), kommunalAnvisningTilAlmenBolig: b.anvist };
        const lo = boligstoette(bh(b, i1), f, '2026-06-15', law);
        const hi = boligstoette(bh(b, i1 + d), f, '2026-06-15', law);
        expect(hi.aarligt!).toBeLessThanOrEqual(lo.aarligt!);
      }),
      { numRuns: 400 },
    );
  });

  it('boligstøtte is non-decreasing in rent (and constant beyond a known cap on the housing cost)', () => {
    const list = [...law.all.values()].map((p) =>
      p.name === 'boligsikring_max_aarlig_leje_kr' || p.name === 'boligydelse_max_aarlig_leje_kr' ? { ...p, versions: [{ ...p.versions[0], from: '2025-01-01', to: null }] } : p,
    );
    const medLoft = paramsFrom(list);
    fc.assert(
      fc.property(arbBolig, fc.integer({ min: 0, max: 600000 }), fc.integer({ min: 0, max: 15000 }), fc.integer({ min: 0, max: 5000 }), (b, indkomst, l1, d) => {
        const f = (leje: number) => ({ maanedligHusleje: leje, ...(b.areal ? { arealM2: b.areal } : {}), kommunalAnvisningTilAlmenBolig: b.anvist });
        for (const p of [law, medLoft]) {
          const lo = boligstoette(bh(b, indkomst), f(l1), '2026-06-15', p);
          const hi = boligstoette(bh(b, indkomst), f(l1 + d), '2026-06-15', p);
          expect(hi.aarligt!).toBeGreaterThanOrEqual(lo.aarligt!);
        }
        // Beyond the cap (94.200 / 107.800 kr. a year, after the area reduction) more rent changes nothing.
        const over = 12000;
        if (!b.areal) {
          const x = boligstoette(bh(b, indkomst), f(over), '2026-06-15', medLoft);
          const y = boligstoette(bh(b, indkomst), f(over + d), '2026-06-15', medLoft);
          expect(y.aarligt).toBe(x.aarligt);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('affordability: a higher share never turns affordable into not affordable', () => {
    fc.assert(
      fc.property(arbBolig, fc.integer({ min: 1, max: 600000 }), fc.integer({ min: 0, max: 15000 }), fc.integer({ min: 1, max: 99 }), (b, indkomst, leje, p) => {
        const f = { maanedligHusleje: leje, arealM2: 60 };
        const a = affordability(bh(b, indkomst), f, '2026-06-15', law, { maxAndelPct: p });
        const c = affordability(bh(b, indkomst), f, '2026-06-15', law, { maxAndelPct: p + 1 });
        if (a.status === 'kan_betale') expect(c.status).toBe('kan_betale');
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Decision 021: the boligstøtte estimate after the latest known satser

describe('boligstøtte after the latest known satser (decision 021)', () => {
  const SETTING = 'boligstoette_skoen_max_aar_efter_satser';
  const months = (fra: string, til: string) => {
    const out: string[] = [];
    for (let y = Number(fra.slice(0, 4)), m = Number(fra.slice(5)); `${y}-${String(m).padStart(2, '0')}` <= til; m === 12 ? (y++, (m = 1)) : m++) out.push(`${y}-${String(m).padStart(2, '0')}`);
    return out;
  };
  // The same facts on 31 December 2026 and throughout 2027: benefits listed for both years, ages fixed.
  const hh = (b: { voksne: number; boern: number; pensionist: boolean; foertidspension: boolean }, indkomst: number): Husstand => {
    const art: Ydelsesart | null = b.pensionist ? 'folkepension' : b.foertidspension ? 'foertidspension' : null;
    const ydelser = (medArt: boolean): Ydelseshistorik => ({ oplystFra: '2026-01', oplystTil: '2027-12', maaneder: medArt && art ? months('2026-01', '2027-12').map((maaned) => ({ maaned, art })) : [] });
    return {
      husstandsindkomstAar: indkomst,
      medlemmer: [
        { id: 'a', rolle: 'ansoeger', alder: b.pensionist ? 70 : 40, ydelser: ydelser(true) },
        ...(b.voksne === 2 ? [{ id: 'b', rolle: 'aegtefaelle' as const, alder: 45, ydelser: ydelser(false) }] : []),
        ...Array.from({ length: b.boern }, (_, i) => ({ id: `c${i}`, rolle: 'barn' as const, alder: 2 + i })),
      ],
    };
  };
  const arb2027 = fc.integer({ min: 0, max: 364 }).map((n) => new Date(Date.UTC(2027, 0, 1 + n)).toISOString().slice(0, 10));

  it('in 2027 every estimate is the one of 31 December 2026, with the marker; in 2026 there is none', () => {
    fc.assert(
      fc.property(arbBolig, fc.integer({ min: 0, max: 600000 }), fc.integer({ min: 0, max: 15000 }), arb2027, (b, indkomst, leje, dato) => {
        const f = { maanedligHusleje: leje, ...(b.areal ? { arealM2: b.areal } : {}), kommunalAnvisningTilAlmenBolig: b.anvist };
        const a = boligstoette(hh(b, indkomst), f, '2026-12-31', law);
        const x = boligstoette(hh(b, indkomst), f, dato, law);
        expect([a.satserFra, a.satserNote]).toEqual([null, null]);
        expect(x.satserFra).toBe(2026);
        expect(x.satserNote).toBe('Skønnet med 2026-satserne; satserne for 2027 er ikke indlæst i Almen.');
        for (const k of ['status', 'art', 'aarligt', 'maanedligt', 'usikker'] as const) expect(x[k], k).toEqual(a[k]);
        expect(x.trin.map((t) => [t.id, t.vaerdi])).toEqual(a.trin.map((t) => [t.id, t.vaerdi]));
        // The satser read are the 2026 versions; the setting is listed with them.
        expect(x.parametre.filter((p) => p.navn !== SETTING)).toEqual(a.parametre);
        const ba = affordability(hh(b, indkomst), f, '2026-12-31', law);
        const bx = affordability(hh(b, indkomst), f, dato, law);
        expect([bx.status, bx.nettoHusleje, bx.satserFra]).toEqual([ba.status, ba.nettoHusleje, 2026]);
      }),
      { numRuns: 150 },
    );
  });

  it('the number of years is a dated, cited product setting', () => {
    const v = law.version(SETTING, '2027-01-01');
    expect(v.value).toBe(1);
    expect(v.verified).toBe('UNVERIFIED');
    expect(v.note).toMatch(/Produktvalg/);
    expect(v.ref.act).toMatch(/Produktindstilling/);
    expect(law.inForce(SETTING, '2025-12-31')).toBe(false);
  });

  it('with the setting at 0 there is no estimate after the known satser; at 2 it reaches 2028', () => {
    const h: Husstand = { husstandsindkomstAar: 180000, medlemmer: [{ id: 'a', rolle: 'ansoeger', alder: 40, ydelser: { oplystFra: '2026-01', oplystTil: '2028-12', maaneder: [] } }] };
    const f = { maanedligHusleje: 4000, arealM2: 50 };
    const nul = medParams({ [SETTING]: 0 });
    expect(boligstoette(h, f, '2026-12-31', nul).aarligt).toBe(7200);
    expect(() => boligstoette(h, f, '2027-01-01', nul)).toThrow(/boligydelse_indkomstgraense_kr.*2027-01-01.*mere end 0 år/);
    expect(() => affordability(h, f, '2027-01-01', nul)).toThrow(/kan ikke skønnes/);
    const to = medParams({ [SETTING]: 2 });
    const r = boligstoette(h, f, '2028-12-31', to);
    expect([r.aarligt, r.satserFra, r.satserNote]).toEqual([7200, 2026, 'Skønnet med 2026-satserne; satserne for 2028 er ikke indlæst i Almen.']);
    expect(() => boligstoette(h, f, '2029-01-01', to)).toThrow(/2029-01-01.*seneste kendte er fra 2026/);
  });

  it('entering the 2027 satser (a new dated value in each file) ends the estimate for 2027 by itself', () => {
    // Each file that ends on 1 January 2027 gets a 2027 value ending on 1 January 2028, as law/boligstoette/README.md
    // says (here +2 %, a what-if; the real ones come from the official table).
    const list: LawParam[] = [...law.all.values()].map((p) => {
      const last = p.versions.at(-1)!;
      if (last.to !== '2027-01-01') return p;
      return { ...p, versions: [...p.versions, { ...last, from: '2027-01-01', to: '2028-01-01', value: Math.round((last.value as number) * 1.02) }] };
    });
    const med2027 = paramsFrom(list);
    const h: Husstand = { husstandsindkomstAar: 180000, medlemmer: [{ id: 'a', rolle: 'ansoeger', alder: 40, ydelser: { oplystFra: '2026-01', oplystTil: '2028-12', maaneder: [] } }] };
    const f = { maanedligHusleje: 4000, arealM2: 50 };
    const r = boligstoette(h, f, '2027-06-01', med2027);
    expect([r.satserFra, r.satserNote]).toEqual([null, null]);
    expect(r.trin.find((t) => t.id === 'indkomstgraense')?.vaerdi).toBe(Math.round(171500 * 1.02));
    expect(r.parametre.find((p) => p.navn === 'boligsikring_indkomstgraense_kr')?.gyldigFra).toBe('2027-01-01');
    // ... and 2028 is then estimated with the 2027 satser, 2029 not.
    const s = boligstoette(h, f, '2028-03-01', med2027);
    expect([s.satserFra, s.satserNote]).toEqual([2027, 'Skønnet med 2027-satserne; satserne for 2028 er ikke indlæst i Almen.']);
    expect(s.parametre.find((p) => p.navn === 'boligsikring_indkomstgraense_kr')?.gyldigFra).toBe('2027-01-01');
    expect(() => boligstoette(h, f, '2029-01-01', med2027)).toThrow(/seneste kendte er fra 2027/);
  });
});
