// The batch assignment's fast paths (anvisningsfilter, betalingsevnefilter) against the full functions (eligibility,
// affordability) over many generated households (demo/anvisning-batch.ts, seeded, not real data).
import { describe, expect, it } from 'vitest';
import { husstand } from '../../demo/anvisning-batch.ts';
import { Rng } from '../../demo/random.ts';
import { loadLaw, paramsFrom } from '../law/params.ts';
import { affordability, anvisningsfilter, betalingsevnefilter, eligibility, type Husstand, type Kategori } from './anvisning.ts';

const law = loadLaw();
const SAET: Kategori[][] = [[], ['udsat'], ['parallelsamfund', 'udsat'], ['udsat', 'parallelsamfund', 'omdannelsesomraade'], ['omdannelsesomraade'], ['forebyggelsesomraade'], ['udsat', 'forebyggelsesomraade']];
const DATOER = ['2026-01-01', '2026-03-31', '2026-06-15', '2026-12-31'];

function husstande(seed: number, n: number, dato: string): Husstand[] {
  const r = new Rng(seed);
  return Array.from({ length: n }, () => husstand(r, dato));
}

/** The verdict as eligibility gives it, in the fast path's shape. */
function fraFuld(h: Husstand, k: Kategori[], dato: string, params = law) {
  const e = eligibility(h, { kategorier: k }, dato, params);
  const g = (x: (typeof e.grunde)[number]) => ({ paragraf: x.paragraf, nr: x.nr, medlemId: x.medlemId, mangler: x.mangler });
  return { status: e.status, grunde: e.grunde.map(g), ukendte: e.ukendte.map(g), mangler: e.mangler };
}

describe('anvisningsfilter gives eligibility\'s verdicts', () => {
  it('same status, grounds met, unknown grounds and missing facts for every category set and date', () => {
    const seen = new Map<string, number>();
    for (const [d, dato] of DATOER.entries()) {
      const f = anvisningsfilter(dato, law);
      for (const h of husstande(100 + d, 150, dato)) {
        const v = f.husstand(h);
        for (const k of SAET) {
          const fast = v(f.saet(k));
          expect(fast).toEqual(fraFuld(h, k, dato));
          // The same set in another order is the same set.
          expect(v(f.saet([...k].reverse()))).toBe(fast);
          seen.set(fast.status, (seen.get(fast.status) ?? 0) + 1);
        }
      }
    }
    // The generated data reach every outcome.
    expect([...seen.keys()].sort()).toEqual(['kan_ikke_afgoeres', 'tilladt', 'udelukket']);
  });

  it('also under the other reading of the 6 months (indevaerende), which the cheap screen leaves to evaluateGround', () => {
    const list = [...law.all.values()].map((p) => (p.name === 'ydelse_loeb_slutmaaned' ? { ...p, versions: p.versions.map((v) => ({ ...v, value: 'indevaerende' })) } : p));
    const p = paramsFrom(list);
    const dato = '2026-06-15';
    const f = anvisningsfilter(dato, p);
    for (const h of husstande(7, 120, dato)) {
      const v = f.husstand(h);
      for (const k of SAET) expect(v(f.saet(k))).toEqual(fraFuld(h, k, dato, p));
    }
  });

  it('throws as eligibility does: before § 59, stk. 6, and for an invalid household', () => {
    expect(() => anvisningsfilter('2018-11-30', law).saet(['udsat'])).toThrow();
    expect(() => eligibility({ medlemmer: [{ id: 'a', rolle: 'ansoeger' }] }, { kategorier: ['udsat'] }, '2018-11-30', law)).toThrow();
    expect(() => anvisningsfilter('2026-06-15', law).husstand({ medlemmer: [] })).toThrow(/mindst ét medlem/);
  });
});

describe('betalingsevnefilter gives affordability\'s answers', () => {
  const rents = (r: Rng) => Array.from({ length: 24 }, () => ({ maanedligHusleje: r.int(0, 120) * 100 + (r.chance(0.3) ? r.int(0, 99) : 0), ...(r.chance(0.9) ? { arealM2: r.int(20, 160) } : {}), ...(r.chance(0.1) ? { kommunalAnvisningTilAlmenBolig: false } : {}) }));

  it('same status, boligstøtte and net rent for generated households, rents and areas, with the standard and a chosen share', () => {
    const seen = new Map<string, number>();
    for (const [d, dato] of ['2026-01-01', '2026-06-15', '2026-12-31'].entries()) {
      const r = new Rng(200 + d);
      for (const h of husstande(300 + d, 120, dato)) {
        if (r.chance(0.1)) h.boligstoetteart = r.chance(0.5) ? 'boligydelse' : 'boligsikring';
        const ind = r.chance(0.3) ? { maxAndelPct: r.pick([20, 25, 35, 40]) } : {};
        const f = betalingsevnefilter(h, dato, law, ind);
        for (const x of [...rents(r), 4000]) {
          const full = affordability(h, x, dato, law, ind);
          expect(f.vurder(x)).toEqual({ status: full.status, boligstoetteMaaned: full.boligstoetteMaaned, nettoHusleje: full.nettoHusleje });
          if (typeof x !== 'number' && x.kommunalAnvisningTilAlmenBolig === undefined) expect(f.status(x.maanedligHusleje, x.arealM2)).toBe(full.status);
          seen.set(full.status, (seen.get(full.status) ?? 0) + 1);
        }
      }
    }
    expect([...seen.keys()].sort()).toEqual(['kan_betale', 'kan_ikke_afgoeres', 'kan_ikke_betale', 'usikker']);
  });

  it('every rent above loftHusleje is kan_ikke_betale, whatever the area', () => {
    const dato = '2026-06-15';
    const r = new Rng(9);
    let finite = 0;
    for (const h of husstande(400, 200, dato)) {
      const f = betalingsevnefilter(h, dato, law);
      if (!Number.isFinite(f.loftHusleje)) continue;
      finite++;
      for (let k = 0; k < 12; k++) {
        const leje = Math.floor(f.loftHusleje) + 1 + (k === 0 ? 0 : r.int(0, 20000));
        const x = { maanedligHusleje: leje, ...(k % 3 === 0 ? {} : { arealM2: r.int(20, 200) }) };
        expect(affordability(h, x, dato, law).status).toBe('kan_ikke_betale');
      }
    }
    expect(finite).toBeGreaterThan(150);
  });

  it('uses the full function for input it would reject', () => {
    const h = husstande(5, 1, '2026-06-15')[0];
    const f = betalingsevnefilter(h, '2026-06-15', law);
    expect(() => f.vurder(-1)).toThrow();
    expect(() => f.vurder({ maanedligHusleje: 4000, arealM2: 0 })).toThrow();
  });
});
