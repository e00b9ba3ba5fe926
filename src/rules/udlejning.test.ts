import fs from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../errors.ts';
import { LawParamError, loadLaw, withOverrides } from '../law/params.ts';
import {
  addYears,
  agreementWarnings,
  defaultTrappemodel,
  effectiveTools,
  KATEGORIER,
  mandatoryTools,
  placeOnStep,
  validateTrappemodel,
  type AftaleFakta,
  type Kategori,
  type KombineretOmraade,
  type Trappemodel,
  type TrinRedskaber,
} from './udlejning.ts';

const law = loadLaw();

interface Cases {
  defaultStep: TrinRedskaber;
  mandatoryTools: { name: string; date: string; kategorier: Kategori[]; throws?: string; expect?: Record<string, any> }[];
  effectiveTools: { name: string; date: string; kategorier: Kategori[]; step?: Partial<TrinRedskaber>; omraade?: KombineretOmraade; throws?: string; expect?: Record<string, any> }[];
  agreementWarnings: { name: string; date: string; aftale: AftaleFakta; throws?: string; expect?: Record<string, any> }[];
  placeOnStep: { name: string; model: 'standard' | Trappemodel; date?: string; figures: Record<string, number | null>; expect: Record<string, any> }[];
  defaultTrappemodel: { name: string; date: string; throws?: string; expect?: Record<string, any> }[];
}
const file = parse(fs.readFileSync(new URL('./udlejning.cases.yaml', import.meta.url), 'utf8')) as Cases;

describe('mandatoryTools golden cases (udlejning.cases.yaml)', () => {
  for (const c of file.mandatoryTools) {
    it(c.name, () => {
      if (c.throws) {
        expect(() => mandatoryTools(c.kategorier, c.date, law)).toThrow(new RegExp(c.throws));
        return;
      }
      const res = mandatoryTools(c.kategorier, c.date, law);
      const e = c.expect!;
      const by = (id: string) => {
        const m = res.find((x) => x.id === id);
        expect(m, id).toBeDefined();
        return m!;
      };
      expect(res.map((m) => m.id).sort()).toEqual([...e.ids].sort());
      for (const [id, n] of Object.entries(e.grunde ?? {})) expect(by(id).grunde, id).toHaveLength(n as number);
      for (const [id, v] of Object.entries(e.verificeret ?? {})) expect(by(id).verificeret, id).toBe(v);
      for (const [id, v] of Object.entries(e.udloestAf ?? {})) expect(by(id).udloestAf, id).toEqual(v);
      for (const [nr, v] of Object.entries(e.grundMark ?? {})) expect(res.flatMap((m) => m.grunde).find((g) => g.nr === nr)?.verificeret, nr).toBe(v);
      for (const [id, ss] of Object.entries(e.grundTekst ?? {})) for (const s of ss as string[]) expect(by(id).grunde.map((g) => g.tekst).join('\n'), id).toContain(s);
      for (const [id, ss] of Object.entries(e.forklaring ?? {})) for (const s of ss as string[]) expect(by(id).forklaring.toLowerCase(), id).toContain(s.toLowerCase());
      for (const [id, ss] of Object.entries(e.aftaleKanAendre ?? {})) {
        if ((ss as string[]).length === 0) expect(by(id).aftaleKanAendre, id).toEqual([]);
        for (const s of ss as string[]) expect(by(id).aftaleKanAendre.join('\n'), id).toContain(s);
      }
      for (const [id, ss] of Object.entries(e.aftaleKanAendreIkke ?? {})) for (const s of ss as string[]) expect(by(id).aftaleKanAendre.join('\n'), id).not.toContain(s);
      for (const m of res) {
        expect(m.kanAendresVedAftale).toBe(false);
        expect(m.paragraf).toMatch(/^§ /);
        expect(m.parametre.length).toBeGreaterThan(0);
      }
    });
  }
});

describe('effectiveTools golden cases (udlejning.cases.yaml)', () => {
  for (const c of file.effectiveTools) {
    it(c.name, () => {
      const step = { ...file.defaultStep, ...c.step } as TrinRedskaber;
      if (c.throws) {
        expect(() => effectiveTools(step, c.kategorier, c.date, law, c.omraade)).toThrow(new RegExp(c.throws));
        return;
      }
      const r = effectiveTools(step, c.kategorier, c.date, law, c.omraade);
      const e = c.expect!;
      if ('anvisningPct' in e) expect(r.kommunalAnvisning.andelPct).toBe(e.anvisningPct);
      if (e.begraensninger) expect(r.kommunalAnvisning.begraensninger.map((b) => b.id)).toEqual(e.begraensninger);
      if (e.fleksibel) expect(r.fleksibelUdlejning).toMatchObject(e.fleksibel);
      if (e.kriterier) expect(r.fleksibelUdlejning.kriterier).toMatchObject(e.kriterier);
      if ('afvisning' in e) expect(r.afvisningOmdannelsesomraade.aktiv).toBe(e.afvisning);
      if (e.kombineret) expect(r.kombineretUdlejning).toMatchObject(e.kombineret);
      if (e.konflikter) {
        expect(r.konflikter, JSON.stringify(r.konflikter)).toHaveLength(e.konflikter.length);
        e.konflikter.forEach((k: Record<string, string>, i: number) => {
          const { tekst, ...rest } = k;
          expect(r.konflikter[i]).toMatchObject(rest);
          if (tekst) expect(r.konflikter[i].tekst).toContain(tekst);
        });
      }
      for (const s of e.forklaring ?? []) expect(r.forklaring.join('\n')).toContain(s);
    });
  }
});

describe('agreementWarnings golden cases (udlejning.cases.yaml)', () => {
  for (const c of file.agreementWarnings) {
    it(c.name, () => {
      if (c.throws) {
        expect(() => agreementWarnings(c.aftale, c.date, law)).toThrow(new RegExp(c.throws));
        return;
      }
      const r = agreementWarnings(c.aftale, c.date, law);
      const e = c.expect!;
      expect(r.advarsler.map((a) => a.kode).sort(), JSON.stringify(r.advarsler)).toEqual([...e.koder].sort());
      if ('daekningPct' in e) expect(r.daekningPct).toBeCloseTo(e.daekningPct, 9);
      if (e.loebetid) expect(r.loebetid).toEqual(e.loebetid);
      for (const s of e.tekst ?? []) expect(r.advarsler.map((a) => a.tekst).join('\n')).toContain(s);
      for (const [k, v] of Object.entries(e.niveau ?? {})) expect(r.advarsler.find((a) => a.kode === k)?.niveau, k).toBe(v);
      for (const [k, v] of Object.entries(e.verificeret ?? {})) expect(r.advarsler.find((a) => a.kode === k)?.verificeret, k).toBe(v);
      for (const [k, v] of Object.entries(e.paragraf ?? {})) expect(r.advarsler.find((a) => a.kode === k)?.paragraf, k).toBe(v);
      for (const a of r.advarsler) expect(a.paragraf).toMatch(/§ 6/);
    });
  }
});

describe('placeOnStep golden cases (udlejning.cases.yaml)', () => {
  for (const c of file.placeOnStep) {
    it(c.name, () => {
      const model = c.model === 'standard' ? defaultTrappemodel(law, c.date!) : c.model;
      const p = placeOnStep(model, c.figures);
      const e = c.expect;
      expect(p.status, p.forklaring.join('\n')).toBe(e.status);
      if (e.trin) expect(p.status === 'placeret' ? p.trin.id : null).toBe(e.trin);
      if (e.trinNr) expect(p.status === 'intet_trin' ? null : p.trinNr).toBe(e.trinNr);
      if (e.mangler) expect(p.status === 'kan_ikke_placeres' ? p.manglendeNoegletal : null).toEqual(e.mangler);
      for (const s of e.forklaring ?? []) expect(p.forklaring.join('\n')).toContain(s);
    });
  }
});

describe('defaultTrappemodel golden cases (udlejning.cases.yaml)', () => {
  for (const c of file.defaultTrappemodel) {
    it(c.name, () => {
      if (c.throws) {
        expect(() => defaultTrappemodel(law, c.date)).toThrow(new RegExp(c.throws));
        return;
      }
      const m = defaultTrappemodel(law, c.date);
      const e = c.expect!;
      const t = (id: string) => m.trin.find((x) => x.id === id)!;
      if (e.trin) expect(m.trin.map((x) => x.id)).toEqual(e.trin);
      for (const [id, v] of Object.entries(e.anvisningPct ?? {})) expect(t(id).redskaber.kommunalAnvisningPct, id).toBe(v);
      for (const [id, v] of Object.entries(e.fleksibelPct ?? {})) {
        expect(t(id).redskaber.fleksibelUdlejning.andelPct, id).toBe(v);
        expect(t(id).redskaber.fleksibelUdlejning.aktiv, id).toBe((v as number) > 0);
      }
      for (const [id, [n, op, v]] of Object.entries((e.betingelser ?? {}) as Record<string, [string, string, number]>)) {
        expect(t(id).betingelser).toEqual([{ noegletal: n, operator: op, vaerdi: v }]);
      }
      for (const n of e.parametre ?? []) expect(m.parametre?.map((p) => p.navn)).toContain(n);
      expect(validateTrappemodel(m)).toEqual([]);
    });
  }
});

describe('rules', () => {
  it('every explanation line of effectiveTools cites a paragraph', () => {
    for (const k of [[], ['udsat'], ['forebyggelsesomraade'], ['omdannelsesomraade'], ['parallelsamfund', 'forebyggelsesomraade']] as Kategori[][]) {
      const r = effectiveTools({ ...file.defaultStep, kombineretUdlejning: true }, k, '2024-06-01', law);
      for (const line of r.forklaring) expect(line).toMatch(/§ \d/);
      for (const k2 of r.konflikter) expect(k2.paragraf).toMatch(/^§ /);
      expect(r.parametre.map((p) => p.navn)).toContain('kommunal_anvisning_hver_ntes_bolig');
    }
  });
  it('records the parameter versions used, with marks', () => {
    const [m] = mandatoryTools(['udsat'], '2019-01-01', law).filter((x) => x.id === 'obligatorisk_fleksibel_udlejning');
    expect(m.parametre.find((p) => p.navn === 'obligatorisk_fleksibel_udlejning_udsat')).toMatchObject({ vaerdi: true, gyldigFra: '2018-12-01', verificeret: 'UNVERIFIED' });
    const w = agreementWarnings({ periode: { fra: '2024-01-01', til: '2027-12-31' }, fleksibelUdlejning: true, daekkedeFamilieboliger: 1, kommunensFamilieboliger: 2 }, '2024-06-01', law);
    expect(w.parametre.map((p) => p.navn).sort()).toEqual(['fleksibel_udlejning_aftale_max_aar', 'udvidelse_alle_organisationer_pct_overstiger', 'udvidelse_alle_organisationer_revision_aar']);
  });
  it('a what-if on the § 60 b threshold and the 4-year maximum changes the warnings and says which value it used', () => {
    const w = withOverrides(law, { udvidelse_alle_organisationer_pct_overstiger: 40, fleksibel_udlejning_aftale_max_aar: 5 });
    const r = agreementWarnings({ periode: { fra: '2024-01-01', til: '2028-12-31' }, fleksibelUdlejning: true, daekkedeFamilieboliger: 4001, kommunensFamilieboliger: 10000 }, '2024-06-01', w);
    expect(r.advarsler.map((a) => a.kode)).toEqual(['daekning_over_50_pct']);
    expect(r.advarsler[0].tekst).toContain('mere end 40 %');
    expect(r.parametre.find((p) => p.navn === 'fleksibel_udlejning_aftale_max_aar')?.vaerdi).toBe(5);
  });
  it('a what-if on § 59 stk. 1 (every 5th) gives the default trappemodel 20 %', () => {
    const m = defaultTrappemodel(withOverrides(law, { kommunal_anvisning_hver_ntes_bolig: 5 }), '2024-06-01');
    expect(m.trin.map((t) => t.redskaber.kommunalAnvisningPct)).toEqual([0, 20, 20]);
  });
  it('refuses a malformed trappemodel with the field named', () => {
    const bad: Trappemodel = { navn: 'x', trin: [{ id: 'a', navn: 'a', betingelser: [{ noegletal: 'uden_for_arbejde_pct', operator: '>', vaerdi: Number.NaN }], redskaber: file.defaultStep }] };
    expect(() => placeOnStep(bad, { uden_for_arbejde_pct: 50 })).toThrow(DomainError);
    try {
      placeOnStep(bad, { uden_for_arbejde_pct: 50 });
    } catch (e) {
      expect((e as DomainError).details?.fields?.[0].field).toBe('trin.0.betingelser.0.vaerdi');
    }
    expect(validateTrappemodel({ navn: 'y', trin: [] })[0].niveau).toBe('fejl');
    const twice = defaultTrappemodel(law, '2024-06-01');
    twice.trin[1] = { ...twice.trin[1], id: 'roed' };
    expect(validateTrappemodel(twice).map((p) => p.tekst).join()).toContain('to gange');
  });
  it('warns when a catch-all step hides the steps after it', () => {
    const m = defaultTrappemodel(law, '2024-06-01');
    const p = validateTrappemodel({ ...m, trin: [m.trin[2], m.trin[0]] });
    expect(p).toEqual([expect.objectContaining({ niveau: 'advarsel', felt: 'trin.1' })]);
  });
  it('an invalid date is refused before any parameter is read', () => {
    expect(() => mandatoryTools([], '2024-02-30', law)).toThrow(DomainError);
    expect(() => mandatoryTools([], '2018-11-30', law)).toThrow(LawParamError);
  });
  it('addYears keeps the day, and 29 February becomes 28 February in a common year', () => {
    expect(addYears('2024-01-01', 4)).toBe('2028-01-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('law/abl/udlejning', () => {
  it('carries the RULES.md marks: the 4-year maximum and § 59 stk. 6 nr. 6-7 are UNVERIFIED parameters, not constants', () => {
    expect(law.version('fleksibel_udlejning_aftale_max_aar', '2024-01-01')).toMatchObject({ value: 4, verified: 'UNVERIFIED' });
    expect(law.version('anvisningsbegraensning_udsat_nr6_7', '2024-01-01')).toMatchObject({ value: true, verified: 'UNVERIFIED' });
    expect(law.version('udvidelse_alle_organisationer_pct_overstiger', '2024-01-01')).toMatchObject({ value: 50, verified: 'VERIFIED' });
    expect(law.param('kommunal_anvisning_hver_ntes_bolig', '2024-01-01')).toBe(4);
    expect(law.version('afvisning_omdannelsesomraade', '2019-06-30').value).toBe(false);
    expect(law.version('afvisning_omdannelsesomraade', '2019-07-01').value).toBe(true);
  });
});

describe('properties', () => {
  const kriterium = fc.record({ type: fc.constantFrom('beskaeftigelse', 'uddannelse', 'andet' as const), beskrivelse: fc.string({ maxLength: 10 }) });
  const step: fc.Arbitrary<TrinRedskaber> = fc.record({
    kommunalAnvisningPct: fc.double({ min: 0, max: 100, noNaN: true }),
    fleksibelUdlejning: fc.record({
      aktiv: fc.boolean(),
      andelPct: fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(100)),
      kriterier: fc.array(kriterium, { maxLength: 3 }),
      undtagInternOprykning: fc.option(fc.boolean(), { nil: undefined }),
    }),
    kombineretUdlejning: fc.boolean(),
  });
  const kategorier = fc.subarray([...KATEGORIER]);
  const dato = fc.oneof(
    fc.constantFrom('2018-12-01', '2019-06-30', '2019-07-01', '2021-11-29', '2021-11-30', '2023-12-31', '2024-01-01'),
    fc.date({ min: new Date('2018-12-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  );

  it('the mandatory tools are always in force, whatever the agreement says', () => {
    fc.assert(
      fc.property(step, kategorier, dato, (s, k, d) => {
        const lov = mandatoryTools(k, d, law);
        const r = effectiveTools(s, k, d, law);
        expect(r.lovbestemte.map((m) => m.id)).toEqual(lov.map((m) => m.id));
        for (const m of lov) {
          if (m.id === 'obligatorisk_fleksibel_udlejning') {
            expect(r.fleksibelUdlejning).toMatchObject({ aktiv: true, obligatorisk: true, andelPct: 100, kilde: 'lov' });
            const typer = r.fleksibelUdlejning.kriterier.map((x) => x.type);
            expect(typer).toContain('beskaeftigelse');
            expect(typer).toContain('uddannelse');
            // a step that says otherwise is reported, never silently overridden (shares compared at 9 decimals)
            if (!s.fleksibelUdlejning.aktiv || Math.round(s.fleksibelUdlejning.andelPct * 1e9) / 1e9 < 100) expect(r.konflikter.some((x) => x.paragraf === '§ 60, stk. 4')).toBe(true);
          }
          if (m.id === 'afvisning_omdannelsesomraade') expect(r.afvisningOmdannelsesomraade).toEqual({ aktiv: true, kilde: 'lov' });
          if (m.vedroerer === 'kommunal_anvisning') expect(r.kommunalAnvisning.begraensninger.map((b) => b.id)).toContain(m.id);
        }
        // without a mandatory rule the agreement's choice stands
        if (!lov.some((m) => m.id === 'obligatorisk_fleksibel_udlejning')) expect(r.fleksibelUdlejning.aktiv).toBe(s.fleksibelUdlejning.aktiv);
        if (!lov.some((m) => m.id === 'afvisning_omdannelsesomraade')) expect(r.afvisningOmdannelsesomraade.aktiv).toBe(false);
        expect(r.kommunalAnvisning.andelPct).toBe(s.kommunalAnvisningPct);
      }),
      { numRuns: 400 },
    );
  });

  it('more categories never give fewer mandatory tools (monotone in the categories)', () => {
    fc.assert(
      fc.property(kategorier, kategorier, dato, (a, b, d) => {
        const small = new Set(mandatoryTools(a, d, law).map((m) => m.id));
        const big = new Set(mandatoryTools([...new Set([...a, ...b])], d, law).map((m) => m.id));
        for (const id of small) expect(big.has(id)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  const redskaber = file.defaultStep;
  const lowerBoundModel = fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom('>' as const, '>=' as const)), { minLength: 1, maxLength: 5 }).map(
    (ts): Trappemodel => ({
      navn: 'egenskab',
      trin: [
        ...ts.map(([v, op], i) => ({ id: `t${i + 1}`, navn: `trin ${i + 1}`, betingelser: [{ noegletal: 'uden_for_arbejde_pct', operator: op, vaerdi: v }], redskaber })),
        { id: 'rest', navn: 'resten', betingelser: [], redskaber },
      ],
    }),
  );
  const figur = fc.oneof(fc.double({ min: -10, max: 110, noNaN: true }), fc.constantFrom(0, 30, 40, 50, 100));
  const nr = (m: Trappemodel, x: number) => {
    const p = placeOnStep(m, { uden_for_arbejde_pct: x });
    if (p.status !== 'placeret') throw new Error(p.status);
    return p.trinNr;
  };

  it('placement is monotone in the key figure for a single-figure model: a higher share never lands on a less vulnerable step', () => {
    fc.assert(
      fc.property(lowerBoundModel, figur, figur, (m, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(nr(m, hi)).toBeLessThanOrEqual(nr(m, lo));
      }),
      { numRuns: 500 },
    );
  });

  it('the default model is monotone and every afdeling with the figure lands on a step', () => {
    const m = defaultTrappemodel(law, '2024-06-01');
    fc.assert(
      fc.property(figur, figur, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(nr(m, hi)).toBeLessThanOrEqual(nr(m, lo));
      }),
      { numRuns: 300 },
    );
  });

  it('placement never guesses: a missing figure on an undecided step is named, and a known figure never changes to "kan ikke placeres"', () => {
    fc.assert(
      fc.property(lowerBoundModel, figur, (m, x) => {
        const p = placeOnStep(m, {});
        expect(p.status).toBe('kan_ikke_placeres');
        if (p.status === 'kan_ikke_placeres') expect(p.manglendeNoegletal).toEqual(['uden_for_arbejde_pct']);
        expect(placeOnStep(m, { uden_for_arbejde_pct: x }).status).toBe('placeret');
      }),
      { numRuns: 200 },
    );
  });
});
