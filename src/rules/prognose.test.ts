import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../errors.ts';
import {
  BinomialTabel,
  binomialKvantil,
  HISTORIK_MIN_OVERGANGE,
  INTERN,
  KANALER,
  kanalAndeleFraHistorik,
  kanalfordelingFraRedskaber,
  normalKvantil,
  prognose,
  prognoseMange,
  STANDARD_TILFLYTTERANDELE,
  tilflytterAndelFraHistorik,
  type Kanal,
  type PrognoseInput,
  type Scenarie,
} from './prognose.ts';

const UDENFOR = 'uden_for_arbejde_pct';

function afdeling(over: Partial<PrognoseInput> = {}): PrognoseInput {
  return {
    id: '101-7',
    startaar: 2024,
    enheder: 300,
    fraflytningPct: 8,
    indikatorer: [{ navn: UDENFOR, andelPct: 42.3, taerskel: { vaerdiPct: 40, operator: '<=' } }],
    scenarier: [{ navn: 'gældende aftale', kanalfordelingPct: { venteliste: 65, kommunal_anvisning: 25, intern_oprykning: 10 } }],
    ...over,
  };
}

/** Every way a call can be wrong ends in a DomainError VALIDATION whose fields name the place, in Danish. */
function validationError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('VALIDATION');
    return e as DomainError;
  }
  throw new Error('ventede en valideringsfejl');
}
const fields = (e: DomainError) => (e.details?.fields ?? []) as { field: string; message: string }[];

// ---- generators for the properties ------------------------------------------------------------------------------

const pct = fc.double({ min: 0, max: 100, noNaN: true });
/** A channel mix summing to exactly 100 (whole percents, the last channel takes the rest). */
const kanalfordeling = fc
  .array(fc.integer({ min: 0, max: 100 }), { minLength: KANALER.length, maxLength: KANALER.length })
  .map((ws) => {
    const total = ws.reduce((s, w) => s + w, 0) || 1;
    const parts = ws.map((w) => Math.floor((100 * w) / total));
    parts[0] += 100 - parts.reduce((s, w) => s + w, 0);
    return Object.fromEntries(KANALER.map((k, i) => [k, parts[i]])) as Record<Kanal, number>;
  });
const andele = fc.record(Object.fromEntries(KANALER.filter((k) => k !== INTERN).map((k) => [k, pct])) as Record<Exclude<Kanal, 'intern_oprykning'>, typeof pct>);
const input = fc.record({
  enheder: fc.integer({ min: 1, max: 2000 }),
  fraflytningPct: pct,
  andelPct: pct,
  driftPoint: fc.oneof(fc.constant(0), fc.double({ min: -5, max: 5, noNaN: true })),
  w: kanalfordeling,
  s: andele,
  horisont: fc.integer({ min: 1, max: 10 }),
});

function build(x: { enheder: number; fraflytningPct: number; andelPct: number; driftPoint: number; w: Record<Kanal, number>; s: Record<string, number>; horisont?: number }): PrognoseInput {
  return afdeling({
    enheder: x.enheder,
    fraflytningPct: x.fraflytningPct,
    indikatorer: [{ navn: UDENFOR, andelPct: x.andelPct, driftPoint: x.driftPoint, tilflyttereAndelPct: x.s }],
    scenarier: [{ navn: 'a', kanalfordelingPct: x.w }],
  });
}

// ---- the seed's point: nothing changes without move-outs -------------------------------------------------------

describe('zero move-outs never changes the mix', () => {
  it('expected path and every Monte Carlo figure stay at the start share (property)', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (x, seed) => {
        const r = prognose(build({ ...x, fraflytningPct: 0, driftPoint: 0 }), { horisont: x.horisont, koersler: 40, seed });
        const sc = r.scenarier[0];
        const ind = sc.indikatorer[0];
        for (let t = 0; t <= x.horisont; t++) {
          expect(ind.forventetPct[t]).toBe(x.andelPct);
          expect(sc.udskiftetPct[t]).toBe(0);
          expect(sc.fraflyttetPct[t]).toBe(0);
          for (const band of [ind.mc!.middelPct, ind.mc!.p10Pct, ind.mc!.p50Pct, ind.mc!.p90Pct]) expect(band[t]).toBeCloseTo(x.andelPct, 9);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('all vacancies to intern oprykning: households move, the mix does not', () => {
    const r = prognose(afdeling({ fraflytningPct: 20, scenarier: [{ navn: 'kun oprykning', kanalfordelingPct: { intern_oprykning: 100 } }] }), { koersler: 200 });
    const sc = r.scenarier[0];
    expect(sc.udskiftningPct).toBe(0);
    expect(sc.fraflyttetPct[5]).toBeCloseTo(100 * (1 - 0.8 ** 5), 12);
    expect(sc.udskiftetPct.every((x) => x === 0)).toBe(true);
    expect(sc.indikatorer[0].forventetPct.every((x) => x === 42.3)).toBe(true);
    expect(sc.indikatorer[0].mc!.p90Pct.every((x) => Math.abs(x - 42.3) < 1e-9)).toBe(true);
    expect(sc.indikatorer[0].tilflyttereUdefraPct).toBeNull();
  });

  it('reports the turnover that bounds any change: after 5 years at 8 % about 34 % have moved', () => {
    const r = prognose(afdeling({ scenarier: [{ navn: 'a', kanalfordelingPct: { venteliste: 100 } }] }), { koersler: 0 });
    const sc = r.scenarier[0];
    expect(sc.fraflyttetPct[5]).toBeCloseTo(100 * (1 - 0.92 ** 5), 12);
    expect(sc.fraflyttetPct[5]).toBeCloseTo(34.09, 2);
    expect(sc.udskiftetPct).toEqual(sc.fraflyttetPct); // no intern oprykning: everyone who moves leaves
    const ind = sc.indikatorer[0];
    // The envelope: even if no newcomer were outside the labour market the share could only fall this far.
    expect(ind.lavestePct[5]).toBeCloseTo(42.3 * 0.92 ** 5, 9);
    expect(ind.hoejestePct[5]).toBeCloseTo(100 - 57.7 * 0.92 ** 5, 9);
    for (let t = 0; t <= 10; t++) {
      expect(ind.lavestePct[t]).toBeLessThanOrEqual(ind.forventetPct[t] + 1e-12);
      expect(ind.forventetPct[t]).toBeLessThanOrEqual(ind.hoejestePct[t] + 1e-12);
    }
  });
});

// ---- monotone in the in-movers' share ----------------------------------------------------------------------------

describe('monotone in the in-movers share', () => {
  it('raising any channel share never lowers the expected path, and raises it when the channel lets to outsiders (property)', () => {
    const external = KANALER.filter((k) => k !== INTERN);
    fc.assert(
      fc.property(input, fc.constantFrom(...external), pct, pct, (x, kanal, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const run = (v: number) => prognose(build({ ...x, s: { ...x.s, [kanal]: v } }), { horisont: x.horisont, koersler: 0 }).scenarier[0].indikatorer[0].forventetPct;
        const pl = run(lo);
        const ph = run(hi);
        for (let t = 0; t <= x.horisont; t++) expect(ph[t]).toBeGreaterThanOrEqual(pl[t] - 1e-9);
        const m = x.fraflytningPct / 100;
        if (hi - lo > 1e-6 && m > 1e-6 && x.w[kanal] > 0) expect(ph[1]).toBeGreaterThan(pl[1]);
      }),
      { numRuns: 300 },
    );
  });

  it('the Monte Carlo band moves the same way (same seed, a clear difference in share)', () => {
    const run = (s: number) =>
      prognose(afdeling({ indikatorer: [{ navn: UDENFOR, andelPct: 42.3, tilflyttereAndelPct: { fleksibel_udlejning: s } }], scenarier: [{ navn: 'a', kanalfordelingPct: { venteliste: 50, fleksibel_udlejning: 50 } }] }), {
        koersler: 1000,
      }).scenarier[0].indikatorer[0].mc!;
    const lo = run(5);
    const hi = run(60);
    for (let t = 1; t <= 10; t++) {
      expect(hi.middelPct[t]).toBeGreaterThan(lo.middelPct[t]);
      expect(hi.p10Pct[t]).toBeGreaterThanOrEqual(lo.p10Pct[t]);
      expect(hi.p90Pct[t]).toBeGreaterThanOrEqual(lo.p90Pct[t]);
    }
  });
});

// ---- the Monte Carlo converges to the expected path ---------------------------------------------------------------

/**
 * The exact mean and variance of K_t (households with the indicator) without drift: given K, an indicator
 * household leaves and is replaced by one without with probability m(1-p), one without is replaced by one with
 * with probability m p, all independently, so Var[K'|K] = K a (1-a) + (N-K) b (1-b), a = m(1-p), b = m p, and
 * Var K' = E Var[K'|K] + (1-m)^2 Var K.
 */
function exactMoments(N: number, s0: number, m: number, p: number, h: number): { mean: number[]; sd: number[] } {
  const a = m * (1 - p);
  const b = m * p;
  let e = (s0 / 100) * N;
  let v = 0;
  const mean = [e];
  const sd = [0];
  for (let t = 1; t <= h; t++) {
    v = e * a * (1 - a) + (N - e) * b * (1 - b) + (1 - m) ** 2 * v;
    e = e * (1 - m) + m * N * p;
    mean.push(e);
    sd.push(Math.sqrt(v));
  }
  return { mean: mean.map((x) => (100 * x) / N), sd: sd.map((x) => (100 * x) / N) };
}

describe('Monte Carlo mean converges to the expected path', () => {
  const cases: { navn: string; input: PrognoseInput }[] = [
    { navn: 'small afdeling, 30 households', input: afdeling({ enheder: 30, fraflytningPct: 10, indikatorer: [{ navn: UDENFOR, andelPct: 37 }] }) },
    { navn: 'large afdeling (normal approximation), with intern oprykning', input: afdeling({ enheder: 1500, fraflytningPct: 9 }) },
    {
      navn: 'youth afdeling, high move-out and in-movers mostly with the indicator (mirrored draws)',
      input: afdeling({
        enheder: 120,
        fraflytningPct: 62,
        indikatorer: [{ navn: UDENFOR, andelPct: 20.5, tilflyttereAndelPct: { venteliste: 80, andet: 95 } }],
        scenarier: [{ navn: 'a', kanalfordelingPct: { venteliste: 70, andet: 30 } }],
      }),
    },
  ];
  for (const c of cases) {
    it(`|mean - expected| < 3 standard errors at 10,000 runs: ${c.navn}`, () => {
      const runs = 10_000;
      const r = prognose(c.input, { koersler: runs, seed: 1 });
      const sc = r.scenarier[0];
      const ind = sc.indikatorer[0];
      const mExt = sc.udskiftningPct / 100;
      const exact = exactMoments(c.input.enheder, c.input.indikatorer[0].andelPct, mExt, ind.tilflyttereUdefraPct! / 100, 10);
      for (let t = 0; t <= 10; t++) {
        // The model's expected path is the exact mean (the start remainder is carried, so from s0 itself).
        expect(ind.forventetPct[t]).toBeCloseTo(exact.mean[t], 9);
        const se = exact.sd[t] / Math.sqrt(runs);
        expect(Math.abs(ind.mc!.middelPct[t] - ind.forventetPct[t]), `year ${t}`).toBeLessThanOrEqual(3 * se + 1e-9);
        // And the band is about as wide as the exact spread (P10-P90 of a normal is 2.563 sd).
        if (t > 0) expect((ind.mc!.p90Pct[t] - ind.mc!.p10Pct[t]) / (2.563 * exact.sd[t])).toBeGreaterThan(0.75);
        if (t > 0) expect((ind.mc!.p90Pct[t] - ind.mc!.p10Pct[t]) / (2.563 * exact.sd[t])).toBeLessThan(1.3);
      }
    });
  }

  it('with drift the mean follows the expected path too (away from 0 and 100)', () => {
    const r = prognose(afdeling({ enheder: 400, indikatorer: [{ navn: UDENFOR, andelPct: 45, driftPoint: -1.5 }] }), { koersler: 10_000, seed: 3 });
    const ind = r.scenarier[0].indikatorer[0];
    expect(ind.forventetPct[10]).toBeLessThan(ind.forventetPct[0] - 5);
    for (let t = 0; t <= 10; t++) expect(Math.abs(ind.mc!.middelPct[t] - ind.forventetPct[t])).toBeLessThan(0.1);
  });
});

// ---- determinism ----------------------------------------------------------------------------------------------------

describe('seeds', () => {
  it('the same seed gives the same result; another seed another band but the same expected path', () => {
    const a = prognose(afdeling(), { seed: 11 });
    expect(prognose(afdeling(), { seed: 11 })).toEqual(a);
    const b = prognose(afdeling(), { seed: 12 });
    expect(b.scenarier[0].indikatorer[0].forventetPct).toEqual(a.scenarier[0].indikatorer[0].forventetPct);
    expect(b.scenarier[0].indikatorer[0].mc!.middelPct).not.toEqual(a.scenarier[0].indikatorer[0].mc!.middelPct);
    expect(a.seed).toBe(11);
    expect(a.koersler).toBe(1000);
    expect(a.aar).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034]);
  });

  it('an afdeling gets the same result alone, in a municipality, in any order (its stream follows its id)', () => {
    const xs = [afdeling({ id: 'a' }), afdeling({ id: 'b', enheder: 50 }), afdeling({ id: 'c', fraflytningPct: 30 })];
    const one = prognose(xs[1], { koersler: 300 });
    const many = prognoseMange([...xs].reverse(), { koersler: 300 });
    expect(many.find((r) => r.afdelingId === 'b')).toEqual(one);
    // Two afdelinger with the same figures but different ids do not share random numbers.
    expect(many.find((r) => r.afdelingId === 'a')!.scenarier[0].indikatorer[0].mc).not.toEqual(prognose(afdeling({ id: 'x' }), { koersler: 300 }).scenarier[0].indikatorer[0].mc);
  });

  it('adding an indicator does not change the others', () => {
    const one = prognose(afdeling(), { koersler: 300 });
    const two = prognose(afdeling({ indikatorer: [...afdeling().indikatorer, { navn: 'kun_grundskole_pct', andelPct: 51 }] }), { koersler: 300 });
    expect(two.scenarier[0].indikatorer[0]).toEqual(one.scenarier[0].indikatorer[0]);
    expect(two.scenarier[0].indikatorer[1].navn).toBe('kun_grundskole_pct');
  });

  it('zero runs gives the expected path only', () => {
    const r = prognose(afdeling(), { koersler: 0 });
    expect(r.scenarier[0].indikatorer[0].mc).toBeNull();
    expect(r.scenarier[0].indikatorer[0].foersteAarUnderSikkert).toBeNull();
  });
});

// ---- scenarios -------------------------------------------------------------------------------------------------------

describe('scenarios side by side (common random numbers)', () => {
  const gaeldende: Scenarie = { navn: 'gældende aftale', kanalfordelingPct: { venteliste: 65, kommunal_anvisning: 25, intern_oprykning: 10 } };
  const udkast: Scenarie = { navn: 'udkast', kanalfordelingPct: { venteliste: 40, fleksibel_udlejning: 50, intern_oprykning: 10 } };

  it('returns each scenario and the difference against the first', () => {
    const r = prognose(afdeling({ scenarier: [gaeldende, udkast] }));
    expect(r.scenarier.map((s) => s.navn)).toEqual(['gældende aftale', 'udkast']);
    const [a, b] = r.scenarier.map((s) => s.indikatorer[0]);
    const d = r.forskelle[0];
    expect(d).toMatchObject({ scenarie: 'udkast', basis: 'gældende aftale' });
    d.indikatorer[0].forventetPoint.forEach((x, t) => expect(x).toBeCloseTo(b.forventetPct[t] - a.forventetPct[t], 12));
    expect(d.indikatorer[0].forventetPoint[10]).toBeLessThan(-5); // fleksibel udlejning instead of anvisning
    // The difference band sits around the difference of the means.
    for (let t = 0; t <= 10; t++) {
      expect(d.indikatorer[0].mc!.middelPct[t]).toBeCloseTo(b.mc!.middelPct[t] - a.mc!.middelPct[t], 9);
      expect(d.indikatorer[0].mc!.p10Pct[t]).toBeLessThanOrEqual(d.indikatorer[0].mc!.p90Pct[t]);
    }
    // Expected lettings per channel per year: 8 % of 300 households.
    expect(r.scenarier[1].udlejningerPrAar.fleksibel_udlejning).toBeCloseTo(12, 12);
    expect(r.scenarier[0].udlejningerPrAar.kommunal_anvisning).toBeCloseTo(6, 12);
  });

  it('uses the same random numbers: a scenario equal to the basis differs by exactly 0 in every run', () => {
    const r = prognose(afdeling({ scenarier: [gaeldende, { ...gaeldende, navn: 'kopi' }] }));
    const d = r.forskelle[0].indikatorer[0];
    for (const band of [d.forventetPoint, d.mc!.middelPct, d.mc!.p10Pct, d.mc!.p50Pct, d.mc!.p90Pct]) expect(band.every((x) => x === 0)).toBe(true);
    expect(r.scenarier[1].indikatorer[0].mc).toEqual(r.scenarier[0].indikatorer[0].mc);
  });

  it('each scenario is the same as when run alone, and the difference band is much narrower than independent runs would give', () => {
    const both = prognose(afdeling({ scenarier: [gaeldende, udkast] }));
    const alone = prognose(afdeling({ scenarier: [udkast] }));
    expect(both.scenarier[1].indikatorer[0]).toEqual(alone.scenarier[0].indikatorer[0]);
    const a = both.scenarier[0].indikatorer[0].mc!;
    const b = both.scenarier[1].indikatorer[0].mc!;
    const d = both.forskelle[0].indikatorer[0].mc!;
    const w = (x: { p10Pct: number[]; p90Pct: number[] }, t: number) => x.p90Pct[t] - x.p10Pct[t];
    // Independent runs: the difference's spread would be about sqrt(wa^2 + wb^2).
    expect(w(d, 5)).toBeLessThan(0.6 * Math.hypot(w(a, 5), w(b, 5)));
  });

  it('in-movers shares can differ by scenario (stricter fleksibel criteria) and the default channels are reported', () => {
    const r = prognose(
      afdeling({
        indikatorer: [{ navn: UDENFOR, andelPct: 42.3, tilflyttereAndelPct: { venteliste: 38 } }],
        scenarier: [udkast, { ...udkast, navn: 'skrappere kriterier', tilflyttereAndelPct: { [UDENFOR]: { fleksibel_udlejning: 2 } } }],
      }),
      { koersler: 0 },
    );
    const [a, b] = r.scenarier.map((s) => s.indikatorer[0]);
    expect(a.tilflyttereAndelPct).toEqual({ venteliste: 38, kommunal_anvisning: 65, fleksibel_udlejning: 10, intern_oprykning: null, andet: 42.3 });
    expect(a.standardKanaler).toEqual(['kommunal_anvisning', 'fleksibel_udlejning', 'andet']);
    expect(b.tilflyttereAndelPct.fleksibel_udlejning).toBe(2);
    expect(b.standardKanaler).toEqual(['kommunal_anvisning', 'andet']);
    // Outside in-movers: (0.40 x 38 + 0.50 x 10) / 0.90.
    expect(a.tilflyttereUdefraPct).toBeCloseTo((0.4 * 38 + 0.5 * 10) / 0.9, 12);
    expect(r.forskelle[0].indikatorer[0].forventetPoint[10]).toBeLessThan(0);
  });
});

// ---- thresholds ------------------------------------------------------------------------------------------------------

describe('the year below a threshold', () => {
  // s0 = 50, m = 50 %, every newcomer by the waiting list at 30 %: 50, 40, 35, 32.5, ... (exact in binary).
  const exact = (vaerdiPct: number, operator: '<' | '<=') =>
    prognose(
      afdeling({
        enheder: 1000,
        fraflytningPct: 50,
        indikatorer: [{ navn: UDENFOR, andelPct: 50, tilflyttereAndelPct: { venteliste: 30 }, taerskel: { vaerdiPct, operator } }],
        scenarier: [{ navn: 'a', kanalfordelingPct: { venteliste: 100 } }],
      }),
      { koersler: 2000 },
    ).scenarier[0].indikatorer[0];

  it('is on both sides of the threshold as the operator says', () => {
    const strict = exact(40, '<');
    expect(strict.forventetPct.slice(0, 4)).toEqual([50, 40, 35, 32.5]);
    expect(strict.foersteAarUnder).toBe(2026); // 40 is not under 40
    expect(exact(40, '<=').foersteAarUnder).toBe(2025); // 40 is at most 40
    expect(exact(40.000001, '<').foersteAarUnder).toBe(2025);
    expect(exact(50, '<=').foersteAarUnder).toBe(2024); // already there
    expect(exact(50, '<').foersteAarUnder).toBe(2025);
    expect(exact(30, '<').foersteAarUnder).toBeNull(); // the path only approaches 30
    expect(exact(30, '<=').foersteAarUnder).toBeNull();
  });

  it('gives the share of runs below per year and the first year with 90 % of the runs below', () => {
    const ind = exact(40, '<');
    const under = ind.mc!.andelUnderPct!;
    expect(under[0]).toBe(0);
    expect(under[1]).toBeGreaterThan(30); // centred on 40 with 1,000 households: about half
    expect(under[1]).toBeLessThan(70);
    expect(under[3]).toBe(100);
    expect(ind.foersteAarUnderSikkert).toBe(2026);
    expect(exact(50, '<=').mc!.andelUnderPct![0]).toBe(100);
  });

  it('is null without a threshold', () => {
    const r = prognose(afdeling({ indikatorer: [{ navn: UDENFOR, andelPct: 42.3 }] }), { koersler: 50 });
    const ind = r.scenarier[0].indikatorer[0];
    expect(ind.taerskel).toBeNull();
    expect(ind.foersteAarUnder).toBeNull();
    expect(ind.mc!.andelUnderPct).toBeNull();
  });
});

// ---- clamping and invalid input ----------------------------------------------------------------------------------------

describe('clamping', () => {
  it('a drift cannot take the share below 0 or above 100, in the expected path or in any run', () => {
    for (const [driftPoint, andelPct] of [
      [-30, 10],
      [30, 90],
    ]) {
      const r = prognose(afdeling({ enheder: 40, indikatorer: [{ navn: UDENFOR, andelPct, driftPoint }] }), { koersler: 500 });
      const ind = r.scenarier[0].indikatorer[0];
      for (const band of [ind.forventetPct, ind.mc!.p10Pct, ind.mc!.p50Pct, ind.mc!.p90Pct, ind.mc!.middelPct]) {
        for (const x of band) {
          expect(x).toBeGreaterThanOrEqual(-1e-9);
          expect(x).toBeLessThanOrEqual(100 + 1e-9);
        }
      }
    }
  });

  it('move-out rates of 0 and 100 and shares of 0 and 100 are valid edges', () => {
    const full = prognose(afdeling({ fraflytningPct: 100, scenarier: [{ navn: 'a', kanalfordelingPct: { fleksibel_udlejning: 100 } }] }), { koersler: 100 });
    expect(full.scenarier[0].indikatorer[0].forventetPct[1]).toBe(10); // everyone replaced by fleksibel in-movers at 10 %
    expect(full.scenarier[0].udskiftetPct[1]).toBe(100);
    const none = prognose(afdeling({ indikatorer: [{ navn: UDENFOR, andelPct: 0, tilflyttereAndelPct: { venteliste: 0, andet: 0 } }], scenarier: [{ navn: 'a', kanalfordelingPct: { venteliste: 100 } }] }), { koersler: 100 });
    expect(none.scenarier[0].indikatorer[0].mc!.p90Pct.every((x) => x === 0)).toBe(true);
    const all = prognose(afdeling({ indikatorer: [{ navn: UDENFOR, andelPct: 100, tilflyttereAndelPct: { venteliste: 100, andet: 100 } }], scenarier: [{ navn: 'a', kanalfordelingPct: { venteliste: 100 } }] }), { koersler: 100 });
    expect(all.scenarier[0].indikatorer[0].mc!.p10Pct.every((x) => x === 100)).toBe(true);
  });

  it('a channel sum within 0.01 of 100 is accepted', () => {
    expect(() => prognose(afdeling({ scenarier: [{ navn: 'a', kanalfordelingPct: { venteliste: 33.333, fleksibel_udlejning: 33.333, kommunal_anvisning: 33.333 } }] }), { koersler: 0 })).not.toThrow();
  });
});

describe('invalid input errors, in Danish', () => {
  it('names the channel sum', () => {
    const e = validationError(() => prognose(afdeling({ scenarier: [{ navn: 'a', kanalfordelingPct: { venteliste: 60, kommunal_anvisning: 25 } }] })));
    expect(fields(e)).toEqual([{ field: 'scenarier[0].kanalfordelingPct', message: 'kanalernes andele skal give 100 % tilsammen (giver 85 %).' }]);
    expect(e.message).toContain('Prognosen kan ikke beregnes');
  });

  it('rejects bad numbers with the field named', () => {
    const cases: [Partial<PrognoseInput>, string, RegExp][] = [
      [{ enheder: 0 }, 'enheder', /helt antal husstande/],
      [{ enheder: 12.5 }, 'enheder', /helt antal husstande/],
      [{ fraflytningPct: Number.NaN }, 'fraflytningPct', /procent mellem 0 og 100/],
      [{ fraflytningPct: 120 }, 'fraflytningPct', /procent mellem 0 og 100/],
      [{ startaar: 24 }, 'startaar', /årstal/],
      [{ id: ' ' }, 'id', /id mangler/],
      [{ indikatorer: [] }, 'indikatorer', /mindst én indikator/],
      [{ scenarier: [] }, 'scenarier', /mindst ét scenarie/],
      [{ indikatorer: [{ navn: UDENFOR, andelPct: -1 }] }, 'indikatorer[0].andelPct', /procent mellem 0 og 100/],
      [{ indikatorer: [{ navn: UDENFOR, andelPct: 30, driftPoint: Number.POSITIVE_INFINITY }] }, 'indikatorer[0].driftPoint', /mellem -100 og 100/],
      [{ indikatorer: [{ navn: UDENFOR, andelPct: 30, taerskel: { vaerdiPct: 40, operator: '>' as '<' } }] }, 'indikatorer[0].taerskel.operator', /'<' \(under\) eller '<=' \(højst\)/],
      [{ indikatorer: [{ navn: UDENFOR, andelPct: 30 }, { navn: UDENFOR, andelPct: 31 }] }, 'indikatorer[1].navn', /to gange/],
      [{ indikatorer: [{ navn: UDENFOR, andelPct: 30, tilflyttereAndelPct: { intern_oprykning: 20 } }] }, 'indikatorer[0].tilflyttereAndelPct.intern_oprykning', /allerede bor i afdelingen/],
      [{ indikatorer: [{ navn: UDENFOR, andelPct: 30, tilflyttereAndelPct: { boligbytte: 20 } as never }] }, 'indikatorer[0].tilflyttereAndelPct.boligbytte', /ukendt kanal/],
      [{ scenarier: [{ navn: 'a', kanalfordelingPct: { venteliste: 100 } }, { navn: 'a', kanalfordelingPct: { venteliste: 100 } }] }, 'scenarier[1].navn', /to gange/],
      [{ scenarier: [{ navn: 'a', kanalfordelingPct: { venteliste: 110, andet: -10 } }] }, 'scenarier[0].kanalfordelingPct.venteliste', /procent mellem 0 og 100/],
      [{ scenarier: [{ navn: 'a', kanalfordelingPct: { venteliste: 100 }, tilflyttereAndelPct: { doemte_pct: { venteliste: 1 } } }] }, 'scenarier[0].tilflyttereAndelPct.doemte_pct', /ukendt indikator/],
    ];
    for (const [over, field, message] of cases) {
      const e = validationError(() => prognose(afdeling(over)));
      const f = fields(e).find((x) => x.field === field);
      expect(f, `${field} in ${JSON.stringify(fields(e))}`).toBeDefined();
      expect(f!.message).toMatch(message);
    }
  });

  it('rejects options outside their ranges', () => {
    expect(fields(validationError(() => prognose(afdeling(), { horisont: 11 })))[0]).toEqual({ field: 'horisont', message: 'skal være et helt antal år fra 1 til 10 (fik 11).' });
    expect(fields(validationError(() => prognose(afdeling(), { horisont: 0 })))[0].field).toBe('horisont');
    expect(fields(validationError(() => prognose(afdeling(), { koersler: -1 })))[0].message).toMatch(/helt antal kørsler fra 0 til 100\.000/);
    expect(fields(validationError(() => prognose(afdeling(), { seed: 1.5 })))[0].field).toBe('seed');
  });

  it('asks for an in-movers share when a used channel has no default for the indicator', () => {
    const e = validationError(() =>
      prognose(afdeling({ indikatorer: [{ navn: 'doemte_pct', andelPct: 2 }], scenarier: [{ navn: 'udkast', kanalfordelingPct: { venteliste: 75, kommunal_anvisning: 25 } }] })),
    );
    expect(fields(e)).toEqual([
      { field: 'indikatorer[0].tilflyttereAndelPct.kommunal_anvisning', message: 'scenariet udkast: tilflytternes andel for kanalen kommunal_anvisning mangler for indikatoren doemte_pct, og der er ingen standardværdi.' },
    ]);
    // An unused channel needs none.
    expect(() => prognose(afdeling({ indikatorer: [{ navn: 'doemte_pct', andelPct: 2 }], scenarier: [{ navn: 'a', kanalfordelingPct: { venteliste: 100 } }] }))).not.toThrow();
  });
});

// ---- the draws ---------------------------------------------------------------------------------------------------------

describe('draws by inversion', () => {
  const pmf = (n: number, p: number) => {
    const out: number[] = [];
    let c = 1;
    for (let k = 0; k <= n; k++) {
      out.push(c * p ** k * (1 - p) ** (n - k));
      c = (c * (n - k)) / (k + 1);
    }
    return out;
  };

  it('binomialKvantil hits every outcome with its exact probability (a fine grid of u), also when mirrored', () => {
    for (const [n, p] of [
      [10, 0.3],
      [40, 0.08],
      [25, 0.85],
      [1, 0.5],
    ] as const) {
      const grid = 200_000;
      const count = new Array(n + 1).fill(0);
      for (let i = 0; i < grid; i++) count[binomialKvantil(n, p, (i + 0.5) / grid)]++;
      pmf(n, p).forEach((q, k) => expect(Math.abs(count[k] / grid - q)).toBeLessThan(2 / grid));
    }
  });

  it('the normal range has the binomial mean and variance, stays within 0..n and rises with u', () => {
    const n = 900;
    const p = 0.2;
    const grid = 100_000;
    let s = 0;
    let s2 = 0;
    let prev = -1;
    let falls = 0;
    for (let i = 0; i < grid; i++) {
      const x = binomialKvantil(n, p, (i + 0.5) / grid);
      if (x < prev) falls++;
      prev = x;
      s += x;
      s2 += x * x;
    }
    expect(falls).toBe(0);
    const mean = s / grid;
    expect(mean).toBeCloseTo(n * p, 1);
    expect(s2 / grid - mean * mean).toBeCloseTo(n * p * (1 - p) + 1 / 12, 0); // + the rounding's 1/12
    expect(binomialKvantil(n, p, 1e-300)).toBeGreaterThanOrEqual(0);
    expect(binomialKvantil(n, p, 1 - 1e-16)).toBeLessThanOrEqual(n);
    expect(binomialKvantil(0, 0.3, 0.5)).toBe(0);
    expect(binomialKvantil(7, 0, 0.99)).toBe(0);
    expect(binomialKvantil(7, 1, 0.01)).toBe(7);
  });

  it('the cached tables of the Monte Carlo give the same draws as binomialKvantil', () => {
    for (const p of [0.07, 0.3, 0.5, 0.62, 0.97, 0, 1]) {
      const tab = new BinomialTabel(p, 600);
      let differ = 0;
      for (const n of [0, 1, 2, 5, 17, 40, 120, 600]) {
        for (let i = 0; i < 4000; i++) {
          const u = (i + 0.5) / 4000;
          if (tab.draw(n, u) !== binomialKvantil(n, p, u)) differ++;
        }
        // Right at the slot edges of the guide table too.
        for (let g = 1; g < 50; g++) if (tab.draw(n, g / 50) !== binomialKvantil(n, p, g / 50)) differ++;
      }
      expect(differ, `p = ${p}`).toBe(0);
    }
  });

  it('normalKvantil matches known quantiles', () => {
    expect(normalKvantil(0.5)).toBeCloseTo(0, 9);
    expect(normalKvantil(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalKvantil(0.1)).toBeCloseTo(-1.281552, 6);
    expect(normalKvantil(0.001)).toBeCloseTo(-3.090232, 6);
    expect(normalKvantil(1 - 1e-9)).toBeCloseTo(5.997807, 5);
  });
});

// ---- from the agreement's step tools ----------------------------------------------------------------------------------

describe('kanalfordelingFraRedskaber', () => {
  const trin = (anvisning: number, aktiv: boolean, andelPct: number) => ({ kommunalAnvisning: { andelPct: anvisning }, fleksibelUdlejning: { aktiv, andelPct } });

  it('maps a step to channel shares of all vacancies that sum to 100', () => {
    expect(kanalfordelingFraRedskaber(trin(25, false, 50), { internOprykningPct: 10 })).toEqual({
      venteliste: 65,
      kommunal_anvisning: 25,
      fleksibel_udlejning: 0,
      intern_oprykning: 10,
      andet: 0,
    });
    // Yellow step of the default trappemodel: 25 % anvisning, fleksibel 50 % of the rest.
    expect(kanalfordelingFraRedskaber(trin(25, true, 50), { internOprykningPct: 10, andetPct: 5 })).toEqual({
      venteliste: 30,
      kommunal_anvisning: 25,
      fleksibel_udlejning: 30,
      intern_oprykning: 10,
      andet: 5,
    });
    // § 60, stk. 4 (obligatory): 100 % of what is not anvisning, after intern oprykning.
    const red = kanalfordelingFraRedskaber(trin(0, true, 100), { internOprykningPct: 10 });
    expect(red).toEqual({ venteliste: 0, kommunal_anvisning: 0, fleksibel_udlejning: 90, intern_oprykning: 10, andet: 0 });
    // Intern oprykning cannot take more than anvisning leaves.
    const full = kanalfordelingFraRedskaber(trin(95, true, 100), { internOprykningPct: 10 });
    expect(full.intern_oprykning).toBe(5);
    expect(Object.values(full).reduce((a, b) => a + b, 0)).toBe(100);
    expect(() => prognose(afdeling({ scenarier: [{ navn: 'a', kanalfordelingPct: red }] }), { koersler: 0 })).not.toThrow();
    // Shares from history that leave a rounding error: (100 - 1/3) x 100 / 100 is not exactly 100 - 1/3.
    const odd = kanalfordelingFraRedskaber(trin(0, true, 100), { internOprykningPct: 1 / 3 });
    expect(odd.venteliste).toBe(0);
    expect(() => prognose(afdeling({ scenarier: [{ navn: 'b', kanalfordelingPct: odd }] }), { koersler: 0 })).not.toThrow();
  });

  it('rejects shares outside 0-100, in Danish', () => {
    expect(fields(validationError(() => kanalfordelingFraRedskaber(trin(120, false, 0))))[0]).toEqual({
      field: 'kommunalAnvisning.andelPct',
      message: 'skal være en procent mellem 0 og 100 (fik 120).',
    });
    expect(fields(validationError(() => kanalfordelingFraRedskaber(trin(20, true, 0), { andetPct: -3 })))[0].field).toBe('andetPct');
  });
});

// ---- history -------------------------------------------------------------------------------------------------------------

describe('tilflytterAndelFraHistorik', () => {
  it('recovers the in-movers share of a series made by the model', () => {
    const pts = [{ aar: 2020, andelPct: 35, fraflytningPct: 8 }];
    for (let y = 2021; y <= 2024; y++) {
      const prev = pts[pts.length - 1];
      pts.push({ aar: y, andelPct: prev.andelPct * (1 - prev.fraflytningPct / 100) + (prev.fraflytningPct / 100) * 22, fraflytningPct: 6 + (y % 3) });
    }
    expect(tilflytterAndelFraHistorik(pts)).toEqual({ andelPct: expect.closeTo(22, 9), overgange: 4, fraAar: 2020, tilAar: 2024, beboerAndelPct: expect.any(Number) });
  });

  it('is null without two consecutive years and clamps to 0-100', () => {
    expect(tilflytterAndelFraHistorik([{ aar: 2024, andelPct: 30, fraflytningPct: 8 }])).toBeNull();
    expect(tilflytterAndelFraHistorik([{ aar: 2022, andelPct: 30, fraflytningPct: 8 }, { aar: 2024, andelPct: 31, fraflytningPct: 8 }])).toBeNull();
    expect(tilflytterAndelFraHistorik([{ aar: 2023, andelPct: 30, fraflytningPct: 0 }, { aar: 2024, andelPct: 31, fraflytningPct: 8 }])).toBeNull();
    expect(tilflytterAndelFraHistorik([{ aar: 2023, andelPct: 30, fraflytningPct: 5 }, { aar: 2024, andelPct: 20, fraflytningPct: 8 }])!.andelPct).toBe(0);
  });
});

describe('kanalAndeleFraHistorik: per-channel defaults from the afdeling\'s own history', () => {
  /** A key-figure series made by the model's expected path under a channel mix and per-channel shares. */
  function series(s0: number, w: Record<Kanal, number>, s: Record<Exclude<Kanal, 'intern_oprykning'>, number>, years: number, m = (y: number) => 6 + (y % 4)) {
    const pts = [{ aar: 2018, andelPct: s0, fraflytningPct: m(2018) }];
    for (let y = 2019; y < 2018 + years; y++) {
      const prev = pts[pts.length - 1];
      const r = prognose(
        { id: 'h', startaar: 2000, enheder: 500, fraflytningPct: prev.fraflytningPct, indikatorer: [{ navn: UDENFOR, andelPct: prev.andelPct, tilflyttereAndelPct: s }], scenarier: [{ navn: 'h', kanalfordelingPct: w }] },
        { horisont: 1, koersler: 0 },
      );
      pts.push({ aar: y, andelPct: r.scenarier[0].indikatorer[0].forventetPct[1], fraflytningPct: m(y) });
    }
    return pts;
  }
  const w = { venteliste: 55, kommunal_anvisning: 20, fleksibel_udlejning: 10, intern_oprykning: 10, andet: 5 };
  const counts = (total: number) => Object.fromEntries(KANALER.map((k) => [k, (w[k] * total) / 100]));
  const std = STANDARD_TILFLYTTERANDELE[UDENFOR];

  it('recovers the waiting list share of a history made by the model, keeping the generic anvisning and fleksibel shares', () => {
    const pts = series(44, w, { venteliste: 30, kommunal_anvisning: std.kommunal_anvisning!, fleksibel_udlejning: std.fleksibel_udlejning!, andet: 30 }, 6);
    const h = kanalAndeleFraHistorik(UDENFOR, pts, counts(200))!;
    expect(h).not.toBeNull();
    expect(h.andelePct.venteliste).toBeCloseTo(30, 9);
    expect(h.andelePct.andet).toBeCloseTo(30, 9);
    expect(h.andelePct).toMatchObject({ kommunal_anvisning: 65, fleksibel_udlejning: 10 });
    expect(h.kilder).toEqual({ kommunal_anvisning: 'standard', fleksibel_udlejning: 'standard', venteliste: 'historik', andet: 'historik' });
    expect(h).toMatchObject({ overgange: 5, fraAar: 2018, tilAar: 2023, udlejninger: 200, afskaaret: false });
    for (const k of KANALER) expect(h.kanalfordelingPct[k]).toBeCloseTo(w[k], 9);
  });

  it('is consistent with the history it came from: the history-weighted average is p_hist, and the model rerun on the history fits it as well', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ andelPct: fc.double({ min: 15, max: 60, noNaN: true }), fraflytningPct: fc.double({ min: 3, max: 20, noNaN: true }) }), { minLength: 4, maxLength: 8 }),
        kanalfordeling.filter((x) => x.venteliste + x.andet > 0 && x.intern_oprykning < 100),
        (raw, mix) => {
          const pts = raw.map((p, i) => ({ aar: 2015 + i, ...p }));
          const h = kanalAndeleFraHistorik(UDENFOR, pts, mix, { udlejninger: 1 });
          if (!h) return;
          const p = tilflytterAndelFraHistorik(pts)!;
          const avg = KANALER.reduce((t, k) => t + (mix[k] / 100) * (k === INTERN ? h.internAndelPct : h.andelePct[k as Exclude<Kanal, 'intern_oprykning'>]!), 0);
          if (!h.afskaaret) expect(avg).toBeCloseTo(p.andelPct, 8);
          // Clamped: the average is as close to p_hist as 0-100 allows, on the side the clamp says.
          else if (h.andelePct.venteliste === 0) expect(avg).toBeGreaterThanOrEqual(p.andelPct - 1e-9);
          else expect(avg).toBeLessThanOrEqual(p.andelPct + 1e-9);
          // The model's one-year step with these shares and the history's mix gives the same least-squares residual
          // sum as the fitted p: its mean one-year prediction error over the history is that of the fit.
          if (!h.afskaaret) {
            let sse = 0;
            let sseFit = 0;
            for (let i = 0; i + 1 < pts.length; i++) {
              const m = pts[i].fraflytningPct / 100;
              const r = prognose(
                { id: 'c', startaar: 2000, enheder: 100, fraflytningPct: pts[i].fraflytningPct, indikatorer: [{ navn: UDENFOR, andelPct: pts[i].andelPct, tilflyttereAndelPct: h.andelePct }], scenarier: [{ navn: 'c', kanalfordelingPct: mix }] },
                { horisont: 1, koersler: 0 },
              );
              // The model counts intern oprykning at the current share; the fit at the history's weighted share.
              const model = r.scenarier[0].indikatorer[0].forventetPct[1] - m * (mix.intern_oprykning / 100) * (pts[i].andelPct - h.internAndelPct);
              sse += (pts[i + 1].andelPct - model) ** 2;
              sseFit += (pts[i + 1].andelPct - pts[i].andelPct * (1 - m) - m * p.andelPct) ** 2;
            }
            expect(sse).toBeCloseTo(sseFit, 6);
          }
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it('clamps the solved share to 0-100 and says so', () => {
    // A steep fall: p_hist 0, below what the generic anvisning share alone brings in.
    const down = [30, 26, 22, 18, 14].map((andelPct, i) => ({ aar: 2019 + i, andelPct, fraflytningPct: 10 }));
    const lo = kanalAndeleFraHistorik(UDENFOR, down, counts(100))!;
    expect(lo.samletPct).toBe(0);
    expect(lo).toMatchObject({ andelePct: { venteliste: 0, andet: 0, kommunal_anvisning: 65 }, afskaaret: true });
    const up = [30, 36, 42, 48, 54].map((andelPct, i) => ({ aar: 2019 + i, andelPct, fraflytningPct: 10 }));
    const hi = kanalAndeleFraHistorik(UDENFOR, up, counts(100))!;
    expect(hi).toMatchObject({ andelePct: { venteliste: 100, andet: 100 }, afskaaret: true });
  });

  it('no or too little history gives null (the generic behaviour)', () => {
    const pts = series(44, w, { venteliste: 30, kommunal_anvisning: 65, fleksibel_udlejning: 10, andet: 30 }, 6);
    expect(kanalAndeleFraHistorik(UDENFOR, [], counts(200))).toBeNull();
    expect(kanalAndeleFraHistorik(UDENFOR, pts, {})).toBeNull();
    // Too few transitions (3 years) or lettings from outside (19), at the product settings.
    expect(kanalAndeleFraHistorik(UDENFOR, pts.slice(0, HISTORIK_MIN_OVERGANGE), counts(200))).toBeNull();
    expect(kanalAndeleFraHistorik(UDENFOR, pts.slice(0, HISTORIK_MIN_OVERGANGE + 1), counts(200))).not.toBeNull();
    expect(kanalAndeleFraHistorik(UDENFOR, pts, { venteliste: 19, intern_oprykning: 50 })).toBeNull();
    expect(kanalAndeleFraHistorik(UDENFOR, pts, { venteliste: 20, intern_oprykning: 50 })).not.toBeNull();
    // Nothing let by the waiting list or andet: nothing to solve for.
    expect(kanalAndeleFraHistorik(UDENFOR, pts, { kommunal_anvisning: 30, fleksibel_udlejning: 30 })).toBeNull();
    // An indicator without generic shares, with anvisning in its history: the channels cannot be told apart.
    expect(kanalAndeleFraHistorik('doemte_pct', pts, counts(200))).toBeNull();
    expect(kanalAndeleFraHistorik('doemte_pct', pts, { venteliste: 40, andet: 10 })!.kilder).toEqual({ venteliste: 'historik', andet: 'historik' });
  });

  it('the derived defaults pass through the engine as the afdeling\'s own shares; a scenario\'s own share still wins', () => {
    const pts = series(44, w, { venteliste: 30, kommunal_anvisning: 65, fleksibel_udlejning: 10, andet: 30 }, 6);
    const h = kanalAndeleFraHistorik(UDENFOR, pts, counts(200))!;
    const { venteliste, andet } = h.andelePct;
    const r = prognose(
      afdeling({
        indikatorer: [{ navn: UDENFOR, andelPct: 42.3, tilflyttereAndelPct: { venteliste, andet } }],
        scenarier: [udkastMix, { ...udkastMix, navn: 'egne', tilflyttereAndelPct: { [UDENFOR]: { venteliste: 12 } } }],
      }),
      { koersler: 0 },
    );
    expect(r.scenarier[0].indikatorer[0].tilflyttereAndelPct.venteliste).toBeCloseTo(30, 9);
    expect(r.scenarier[0].indikatorer[0].standardKanaler).toEqual(['kommunal_anvisning', 'fleksibel_udlejning']);
    expect(r.scenarier[1].indikatorer[0].tilflyttereAndelPct.venteliste).toBe(12);
  });
});
const udkastMix: Scenarie = { navn: 'aftalen', kanalfordelingPct: { venteliste: 60, kommunal_anvisning: 25, fleksibel_udlejning: 10, andet: 5 } };
