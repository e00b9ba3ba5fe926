import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../errors.ts';
import {
  GRUND,
  greedyAssign,
  greedyGraf,
  kompatibilitet,
  standardBehovsmatch,
  tildel,
  tildelGraf,
  type Ansoeger,
  type Kant,
  type Kompatibilitet,
  type Ledighed,
  type Prioritet,
  type Tildeling,
  type Udeluk,
} from './tildeling.ts';

const DATO = '2025-03-01';

function ans(id: string, over: Partial<Ansoeger> = {}): Ansoeger {
  return { id, prioritet: 2, ventetSiden: '2024-01-01', vaerelserMin: 1, vaerelserMax: 3, maxHusleje: 6000, ...over };
}
function led(id: string, over: Partial<Ledighed> = {}): Ledighed {
  return { id, vaerelser: 2, arealM2: 60, husleje: 5000, omraade: 'Nord', ...over };
}

// ---- checks shared by the properties --------------------------------------------------------------------------

/** ansoegerId -> ledighedId, after checking that no vacancy and no applicant appears twice and the three views agree. */
function parAf(t: Tildeling): Map<string, string> {
  const a = new Map<string, string>();
  const l = new Set<string>();
  for (const p of t.tildelinger) {
    expect(a.has(p.ansoegerId), `${p.ansoegerId} to gange`).toBe(false);
    expect(l.has(p.ledighedId), `${p.ledighedId} to gange`).toBe(false);
    a.set(p.ansoegerId, p.ledighedId);
    l.add(p.ledighedId);
  }
  expect(t.antalHuset).toBe(a.size);
  const fraL = new Map(t.ledigheder.filter((d) => d.udfald === 'tildelt').map((d) => [d.ansoegerId, d.ledighedId] as [string, string]));
  const fraA = new Map(t.ansoegere.flatMap((d) => (d.udfald === 'huset' ? [[d.ansoegerId, d.ledighedId] as [string, string]] : [])));
  expect(fraL).toEqual(a);
  expect(fraA).toEqual(a);
  expect(t.ledigheder).toHaveLength(t.antalLedigheder);
  expect(t.ansoegere).toHaveLength(t.antalAnsoegere);
  for (const d of [...t.ledigheder, ...t.ansoegere]) expect(d.begrundelse.length).toBeGreaterThan(10);
  return a;
}

/** Allowed pairs of a judged graph, keyed "ansoeger|ledighed" -> fit. */
function tilladte(g: Kompatibilitet): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < g.ansoegere.length; i++) for (let e = g.start[i]; e < g.start[i + 1]; e++) out.set(`${g.ansoegere[i].id}|${g.ledigheder[g.naboer[e]].id}`, g.match10[e] / 10);
  return out;
}

/**
 * Brute force on a tiny graph: every set of applicants some assignment can house, as a bitmask with the highest
 * rank as the highest bit (so a larger mask is lexicographically better in rank order).
 */
function alleHusbareMaengder(g: Kompatibilitet): Set<number> {
  const n = g.ansoegere.length;
  const brugt = new Uint8Array(g.ledigheder.length);
  const out = new Set<number>();
  const rec = (i: number, mask: number) => {
    if (i === n) return void out.add(mask);
    rec(i + 1, mask);
    for (let e = g.start[i]; e < g.start[i + 1]; e++) {
      const v = g.naboer[e];
      if (brugt[v]) continue;
      brugt[v] = 1;
      rec(i + 1, mask | (1 << (n - 1 - i)));
      brugt[v] = 0;
    }
  };
  rec(0, 0);
  return out;
}
const bits = (x: number) => {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
};

/** An independent maximum matching size (plain recursive Kuhn in input order), for instances too big for brute force. */
function maksimumStoerrelse(g: Kompatibilitet): number {
  const m = g.ledigheder.length;
  const tilL = new Int32Array(m).fill(-1);
  let size = 0;
  for (let r = 0; r < g.ansoegere.length; r++) {
    const set = new Uint8Array(m);
    const dfs = (a: number): boolean => {
      for (let e = g.start[a]; e < g.start[a + 1]; e++) {
        const v = g.naboer[e];
        if (set[v]) continue;
        set[v] = 1;
        if (tilL[v] < 0 || dfs(tilL[v])) {
          tilL[v] = a;
          return true;
        }
      }
      return false;
    };
    if (dfs(r)) size++;
  }
  return size;
}

/**
 * The certificate of the rank-greedy result: from every household not housed, alternating paths (its dwellings, their
 * holders, their dwellings, ...) reach no free dwelling (so no augmenting path: maximum) and only households ranked
 * above it (so housing it would unhouse a higher-ranked one: the greedy basis of the transversal matroid).
 */
function certifikat(g: Kompatibilitet, t: Tildeling): void {
  const rank = new Map(g.ansoegere.map((a, i) => [a.id, i]));
  const lidx = new Map(g.ledigheder.map((l, j) => [l.id, j]));
  const tilL = new Int32Array(g.ledigheder.length).fill(-1);
  for (const p of t.tildelinger) tilL[lidx.get(p.ledighedId)!] = rank.get(p.ansoegerId)!;
  const huset = new Set(t.tildelinger.map((p) => rank.get(p.ansoegerId)!));
  for (let u = 0; u < g.ansoegere.length; u++) {
    if (huset.has(u)) continue;
    const set = new Uint8Array(g.ledigheder.length);
    const koe = [u];
    while (koe.length) {
      const a = koe.shift()!;
      for (let e = g.start[a]; e < g.start[a + 1]; e++) {
        const v = g.naboer[e];
        if (set[v]) continue;
        set[v] = 1;
        expect(tilL[v], `augmenting path from ${g.ansoegere[u].id}`).toBeGreaterThanOrEqual(0);
        expect(tilL[v], `${g.ansoegere[u].id} could displace lower-ranked ${g.ansoegere[tilL[v]]?.id}`).toBeLessThan(u);
        koe.push(tilL[v]);
      }
    }
  }
}

/** Both methods: each chosen household outranks every eligible one left unhoused; an unhoused household's dwellings all went to higher ranks. */
function ingenBerettigetMisundelse(t: Tildeling): void {
  for (const d of t.ledigheder) if (d.udfald === 'tildelt') expect(d.hoejereIkkeHuset).toBe(0);
  for (const d of t.ansoegere) if (d.udfald === 'ikke_huset') expect([d.tilLavereRang, d.tomme]).toEqual([0, 0]);
}

// ---- generators ------------------------------------------------------------------------------------------------

const prioritet = fc.constantFrom<Prioritet>(1, 2, 3);
const ventetSiden = fc.constantFrom('2022-06-30', '2024-01-01', '2024-01-02', '2025-03-01');
const frist = fc.option(fc.constantFrom('2025-02-28', '2025-03-01', '2025-03-20'), { nil: undefined });

/** A random graph given as an edge list: each pair allowed with a fit, excluded with a reason, or not listed. */
const kantInstans = (maxA: number, maxL: number, [tilladt, udelukket, ikkeListet] = [5, 3, 1]) =>
  fc.record({ n: fc.integer({ min: 0, max: maxA }), m: fc.integer({ min: 0, max: maxL }) }).chain(({ n, m }) =>
    fc.record({
      ansoegere: fc.array(fc.record({ prioritet, ventetSiden }), { minLength: n, maxLength: n }).map((xs) => xs.map((x, i) => ans(`A${i}`, x))),
      ledigheder: fc.array(frist, { minLength: m, maxLength: m }).map((xs) => xs.map((f, j) => led(`L${j}`, f ? { frist: f } : {}))),
      celler: fc.array(
        fc.oneof(
          { weight: tilladt, arbitrary: fc.integer({ min: 0, max: 100 }).map((behovsmatch) => ({ behovsmatch })) },
          { weight: udelukket, arbitrary: fc.constantFrom({ grund: 'for dyr' }, { grund: 'må ikke anvises', paragraf: 'ABL § 59, stk. 6' }) },
          { weight: ikkeListet, arbitrary: fc.constant(null) },
        ),
        { minLength: n * m, maxLength: n * m },
      ),
    }),
  );
type KantInstans = { ansoegere: Ansoeger[]; ledigheder: Ledighed[]; celler: ({ behovsmatch: number } | { grund: string; paragraf?: string } | null)[] };
function kanterAf(x: KantInstans): Kant[] {
  const out: Kant[] = [];
  x.ansoegere.forEach((a, i) =>
    x.ledigheder.forEach((l, j) => {
      const c = x.celler[i * x.ledigheder.length + j];
      if (c) out.push({ ansoegerId: a.id, ledighedId: l.id, ...c } as Kant);
    }),
  );
  return out;
}

/** Random applicants and dwellings judged by the built-in checks and a stand-in legal filter. */
interface TestAnsoeger extends Ansoeger {
  s6: boolean;
}
const OMRAADER = ['Nord', 'Syd', 'Vest'];
const regelInstans = (maxA: number, maxL: number) =>
  fc.record({
    ansoegere: fc.array(
      fc.record({
        prioritet,
        ventetSiden,
        vaerelserMin: fc.integer({ min: 1, max: 3 }),
        ekstra: fc.integer({ min: 0, max: 2 }),
        maxHusleje: fc.integer({ min: 6, max: 16 }).map((k) => k * 500),
        kraeverTilgaengelig: fc.boolean(),
        undgaa: fc.subarray(OMRAADER, { maxLength: 1 }),
        oensker: fc.subarray(OMRAADER, { maxLength: 2 }),
        s6: fc.boolean(),
      }),
      { maxLength: maxA },
    ),
    ledigheder: fc.array(
      fc.record({
        vaerelser: fc.integer({ min: 1, max: 5 }),
        husleje: fc.integer({ min: 6, max: 16 }).map((k) => k * 500),
        tilgaengelig: fc.boolean(),
        omraade: fc.constantFrom(...OMRAADER),
        udsat: fc.boolean(),
        frist,
      }),
      { maxLength: maxL },
    ),
  }).map(({ ansoegere, ledigheder }) => ({
    dato: DATO,
    ansoegere: ansoegere.map(
      (a, i): TestAnsoeger => ({
        id: `A${String(i).padStart(3, '0')}`,
        prioritet: a.prioritet,
        ventetSiden: a.ventetSiden,
        vaerelserMin: a.vaerelserMin,
        vaerelserMax: a.vaerelserMin + a.ekstra,
        maxHusleje: a.maxHusleje,
        kraeverTilgaengelig: a.kraeverTilgaengelig,
        undgaaOmraader: a.undgaa,
        oenskedeOmraader: a.oensker,
        s6: a.s6,
      }),
    ),
    ledigheder: ledigheder.map(
      (l, j): Ledighed => ({
        id: `L${String(j).padStart(3, '0')}`,
        vaerelser: l.vaerelser,
        arealM2: 20 + 20 * l.vaerelser,
        husleje: l.husleje,
        tilgaengelig: l.tilgaengelig,
        omraade: l.omraade,
        kategorier: l.udsat ? ['udsat'] : [],
        ...(l.frist ? { frist: l.frist } : {}),
      }),
    ),
  }));
const P6 = { grund: 'må ikke anvises i udsat boligområde', paragraf: 'ABL § 59, stk. 6' };
const standIn: Udeluk<TestAnsoeger, Ledighed> = (a, l) => (a.s6 && l.kategorier!.includes('udsat') ? P6 : null);

/** The documented order of the checks, pair by pair: the reference the bucketed edge builder must agree with. */
function referenceGrund(a: TestAnsoeger, l: Ledighed): string | null {
  if (l.frist !== undefined && l.frist < DATO) return GRUND.frist;
  if (l.vaerelser < a.vaerelserMin || l.vaerelser > a.vaerelserMax) return GRUND.stoerrelse;
  if (l.husleje > a.maxHusleje) return GRUND.dyr;
  if (a.kraeverTilgaengelig && !l.tilgaengelig) return GRUND.tilgaengelig;
  if (a.undgaaOmraader?.includes(l.omraade)) return GRUND.omraade;
  return standIn(a, l)?.grund ?? null;
}

function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// ---- properties -----------------------------------------------------------------------------------------------

describe('batch assignment: properties', () => {
  it('on tiny random graphs: never an excluded pair, nobody twice, the brute-force maximum, and the best housed set in rank order', () => {
    fc.assert(
      fc.property(kantInstans(6, 5), (x) => {
        const input = { dato: DATO, ansoegere: x.ansoegere, ledigheder: x.ledigheder };
        const g = kompatibilitet(input, { kanter: kanterAf(x) });
        const t = tildelGraf(g);
        const gr = greedyGraf(g);
        const ok = tilladte(g);
        for (const [a, l] of parAf(t)) expect(ok.has(`${a}|${l}`)).toBe(true);
        for (const [a, l] of parAf(gr)) expect(ok.has(`${a}|${l}`)).toBe(true);
        // Expired dwellings are never assigned, whatever the list says.
        for (const p of t.tildelinger) expect(x.ledigheder.find((l) => l.id === p.ledighedId)!.frist ?? '9999').not.toBe('2025-02-28');

        const maengder = alleHusbareMaengder(g);
        const maks = Math.max(...[...maengder].map(bits));
        const bedst = Math.max(...maengder);
        const n = g.ansoegere.length;
        const rank = new Map(g.ansoegere.map((a, i) => [a.id, i]));
        const vores = t.tildelinger.reduce((s, p) => s | (1 << (n - 1 - rank.get(p.ansoegerId)!)), 0);
        expect(t.antalHuset).toBe(maks);
        expect(t.antalHuset).toBeGreaterThanOrEqual(gr.antalHuset);
        expect(vores).toBe(bedst);
        // The text's claim: no assignment houses an unhoused household together with every housed one ranked above it.
        for (const d of t.ansoegere) {
          if (d.udfald !== 'ikke_huset') continue;
          const u = d.rang - 1;
          const over = vores & ~((1 << (n - u)) - 1);
          const paastand = [...maengder].some((s) => (s & (1 << (n - 1 - u))) !== 0 && (s & over) === over);
          expect(paastand).toBe(false);
        }
        ingenBerettigetMisundelse(t);
        ingenBerettigetMisundelse(gr);
      }),
      { numRuns: 300 },
    );
  });

  it('on larger random graphs: the maximum size of an independent matching and the rank-greedy certificate', () => {
    // Dense graphs, and sparse ones where augmenting paths are long.
    for (const [vaegte, runs] of [
      [[5, 3, 1], 100],
      [[1, 6, 6], 150],
    ] as const) {
      fc.assert(
        fc.property(kantInstans(40, 25, [...vaegte]), (x) => {
          const g = kompatibilitet({ dato: DATO, ansoegere: x.ansoegere, ledigheder: x.ledigheder }, { kanter: kanterAf(x) });
          const t = tildelGraf(g);
          parAf(t);
          expect(t.antalHuset).toBe(maksimumStoerrelse(g));
          expect(t.antalHuset).toBeGreaterThanOrEqual(greedyGraf(g).antalHuset);
          certifikat(g, t);
        }),
        { numRuns: runs },
      );
    }
  });

  it('with the built-in checks and a legal filter: the bucketed pairs and their reason counts equal a pair-by-pair reference', () => {
    fc.assert(
      fc.property(regelInstans(25, 12), (input) => {
        const g = kompatibilitet(input, { udeluk: standIn });
        const ok = tilladte(g);
        const tA = new Map<string, Map<string, number>>();
        const tL = new Map<string, Map<string, number>>();
        const inc = (m: Map<string, Map<string, number>>, k: string, gr: string) => {
          const x = m.get(k) ?? new Map<string, number>();
          x.set(gr, (x.get(gr) ?? 0) + 1);
          m.set(k, x);
        };
        for (const a of input.ansoegere)
          for (const l of input.ledigheder) {
            const gr = referenceGrund(a, l);
            const key = `${a.id}|${l.id}`;
            if (gr === null) {
              expect(ok.get(key), key).toBe(Math.round(standardBehovsmatch(a, l) * 10) / 10);
            } else {
              expect(ok.has(key), key).toBe(false);
              inc(tA, a.id, gr);
              inc(tL, l.id, gr);
            }
          }
        expect(ok.size).toBe(input.ansoegere.length * input.ledigheder.length - [...tA.values()].reduce((s, x) => s + [...x.values()].reduce((p, q) => p + q, 0), 0));
        const fraGraf = (tael: readonly Int32Array[], x: number) => new Map(g.grunde.flatMap((gr, k) => (tael[k][x] > 0 ? [[gr.grund, tael[k][x]] as [string, number]] : [])));
        g.ansoegere.forEach((a, i) => expect(fraGraf(g.taelA, i), a.id).toEqual(tA.get(a.id) ?? new Map()));
        g.ledigheder.forEach((l, j) => expect(fraGraf(g.taelL, j), l.id).toEqual(tL.get(l.id) ?? new Map()));
        expect(g.grunde.find((x) => x.grund === P6.grund)?.paragraf ?? P6.paragraf).toBe(P6.paragraf);
      }),
      { numRuns: 200 },
    );
  });

  it('with the built-in checks: never an excluded pair, nobody twice, never fewer than greedy, and the certificate', () => {
    fc.assert(
      fc.property(regelInstans(40, 15), (input) => {
        const t = tildel(input, { udeluk: standIn });
        const gr = greedyAssign(input, { udeluk: standIn });
        const byId = new Map(input.ansoegere.map((a) => [a.id, a]));
        const lById = new Map(input.ledigheder.map((l) => [l.id, l]));
        for (const res of [t, gr]) for (const [a, l] of parAf(res)) expect(referenceGrund(byId.get(a)!, lById.get(l)!)).toBeNull();
        expect(t.antalHuset).toBeGreaterThanOrEqual(gr.antalHuset);
        const g = kompatibilitet(input, { udeluk: standIn });
        expect(t.antalHuset).toBe(maksimumStoerrelse(g));
        certifikat(g, t);
        ingenBerettigetMisundelse(t);
        ingenBerettigetMisundelse(gr);
      }),
      { numRuns: 150 },
    );
  });

  it('the fit step leaves no move that helps one household and hurts none (to a free dwelling, or a swap)', () => {
    fc.assert(
      fc.property(kantInstans(12, 8), (x) => {
        const g = kompatibilitet({ dato: DATO, ansoegere: x.ansoegere, ledigheder: x.ledigheder }, { kanter: kanterAf(x) });
        const t = tildelGraf(g);
        expect(t.forbedring?.konvergeret).toBe(true);
        const ok = tilladte(g);
        const holder = new Map(t.tildelinger.map((p) => [p.ledighedId, p]));
        for (const p of t.tildelinger) {
          for (const l of g.ledigheder) {
            const f = ok.get(`${p.ansoegerId}|${l.id}`);
            if (f === undefined || f <= p.behovsmatch) continue;
            const h = holder.get(l.id);
            if (!h) throw new Error(`${p.ansoegerId} kunne flytte til den tomme ${l.id}`);
            const hPaaMin = ok.get(`${h.ansoegerId}|${p.ledighedId}`);
            expect(hPaaMin === undefined || hPaaMin < h.behovsmatch, `${p.ansoegerId} og ${h.ansoegerId} kunne bytte`).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('greedy is what it says: dwellings by deadline, each to the highest-ranked eligible household not yet given one', () => {
    fc.assert(
      fc.property(kantInstans(10, 8), (x) => {
        const g = kompatibilitet({ dato: DATO, ansoegere: x.ansoegere, ledigheder: x.ledigheder }, { kanter: kanterAf(x) });
        const ok = tilladte(g);
        const taget = new Set<string>();
        const forventet: [string, string][] = [];
        for (const l of g.ledigheder)
          for (const a of g.ansoegere)
            if (!taget.has(a.id) && ok.has(`${a.id}|${l.id}`)) {
              taget.add(a.id);
              forventet.push([l.id, a.id]);
              break;
            }
        expect(greedyGraf(g).tildelinger.map((p) => [p.ledighedId, p.ansoegerId])).toEqual(forventet);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic: the same result for the input in any order, and on every call', () => {
    fc.assert(
      fc.property(regelInstans(20, 8), fc.integer(), (input, seed) => {
        const a = tildel(input, { udeluk: standIn });
        const b = tildel({ ...input, ansoegere: shuffle(input.ansoegere, seed), ledigheder: shuffle(input.ledigheder, seed + 1) }, { udeluk: standIn });
        expect(b).toEqual(a);
        expect(tildel(input, { udeluk: standIn })).toEqual(a);
        expect(greedyAssign({ ...input, ledigheder: shuffle(input.ledigheder, seed) }, { udeluk: standIn })).toEqual(greedyAssign(input, { udeluk: standIn }));
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(kantInstans(8, 6), fc.integer(), (x, seed) => {
        const input = { dato: DATO, ansoegere: x.ansoegere, ledigheder: x.ledigheder };
        const a = tildel(input, { kanter: kanterAf(x) });
        const b = tildel({ ...input, ansoegere: shuffle(x.ansoegere, seed) }, { kanter: shuffle(kanterAf(x), seed + 2) });
        expect(b).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it('every pair is accounted for: reasons plus allowed pairs make up every dwelling and every applicant', () => {
    fc.assert(
      fc.property(kantInstans(8, 6), (x) => {
        const g = kompatibilitet({ dato: DATO, ansoegere: x.ansoegere, ledigheder: x.ledigheder }, { kanter: kanterAf(x) });
        const t = tildelGraf(g);
        const n = g.ansoegere.length;
        const m = g.ledigheder.length;
        for (const d of t.ansoegere) if (d.udfald === 'ikke_huset') expect(d.udelukket.reduce((s, u) => s + u.antal, 0) + d.muligeBoliger).toBe(m);
        for (const d of t.ledigheder) if (d.udfald === 'ikke_tildelt') expect(d.udelukket.reduce((s, u) => s + u.antal, 0) + d.egnede).toBe(n);
      }),
      { numRuns: 200 },
    );
  });
});

// ---- golden cases ----------------------------------------------------------------------------------------------

describe('batch assignment: golden cases', () => {
  // Two dwellings, two households. A (prioritet 1) can take both; B only Parkvej 3 (Søndergade 8 is too dear for B).
  // Greedy gives the first dwelling (earliest deadline) to A, and Søndergade 8 then has nobody: 1 housed.
  // The maximum gives A Søndergade 8 and B Parkvej 3: 2 housed (the augmenting path B - Parkvej 3 - A - Søndergade 8).
  // C is excluded everywhere; Torvet 1's deadline has passed; Havevej 2 fits nobody.
  const C: TestAnsoeger = { ...ans('C', { prioritet: 1, ventetSiden: '2022-06-30', vaerelserMin: 2, vaerelserMax: 2, maxHusleje: 5000 }), s6: true };
  const klassisk = {
    dato: DATO,
    ansoegere: [
      { ...ans('A', { prioritet: 1, ventetSiden: '2023-03-01' }), s6: false },
      { ...ans('B', { prioritet: 2, ventetSiden: '2024-01-01', maxHusleje: 5000 }), s6: false },
      C,
    ] as TestAnsoeger[],
    ledigheder: [
      led('Parkvej 3', { husleje: 4800, frist: '2025-03-05', kategorier: ['udsat'] }),
      led('Søndergade 8', { husleje: 5500, arealM2: 65, omraade: 'Syd', frist: '2025-03-10', kategorier: [] }),
      led('Torvet 1', { frist: '2025-02-20', kategorier: [] }),
      led('Havevej 2', { vaerelser: 5, arealM2: 120, husleje: 8000, kategorier: [] }),
    ],
  };

  it('the classic augmenting path: greedy houses 1, the batch assignment 2, with the reasons', () => {
    const t = tildel(klassisk, { udeluk: standIn });
    const gr = greedyAssign(klassisk, { udeluk: standIn });
    expect(gr.tildelinger).toEqual([{ ledighedId: 'Parkvej 3', ansoegerId: 'A', behovsmatch: 51 }]);
    expect(t.tildelinger).toEqual([
      { ledighedId: 'Parkvej 3', ansoegerId: 'B', behovsmatch: 46.2 },
      { ledighedId: 'Søndergade 8', ansoegerId: 'A', behovsmatch: 47.5 },
    ]);
    expect(t.antalHuset).toBe(2);
    expect(gr.antalHuset).toBe(1);
    expect(t.husetPrPrioritet).toEqual({ 1: 1, 2: 1, 3: 0 });
    const L = Object.fromEntries(t.ledigheder.map((d) => [d.ledighedId, d.begrundelse]));
    expect(L).toEqual({
      'Parkvej 3':
        'Tildelt B (prioritet 2, ventet siden 1. januar 2024 (425 dage), nr. 3 af 3 i rækkefølgen; behovsmatch 46,2 af 100). 2 egnede ansøgere; 1 med højere rang fik en anden bolig.',
      'Søndergade 8':
        'Tildelt A (prioritet 1, ventet siden 1. marts 2023 (731 dage), nr. 2 af 3 i rækkefølgen; behovsmatch 47,5 af 100). 1 egnet ansøger; ingen andre var egnede.',
      'Torvet 1': 'Ikke tildelt: fristen for anvisning (20. februar 2025) var overskredet 1. marts 2025.',
      'Havevej 2': 'Ikke tildelt: ingen af de 3 ansøgere er egnede – forkert størrelse: 3.',
    });
    const A = Object.fromEntries(t.ansoegere.map((d) => [d.ansoegerId, d.begrundelse]));
    expect(A).toEqual({
      C: 'Ingen bolig: ikke egnet til nogen af de 4 ledige boliger – for dyr: 1, forkert størrelse: 1, frist overskredet: 1, må ikke anvises i udsat boligområde (ABL § 59, stk. 6): 1.',
      A: 'Tildelt Søndergade 8 (2 vær., 65 m², 5.500 kr./md., Syd): prioritet 1, ventet siden 1. marts 2023 (731 dage), nr. 2 af 3 i rækkefølgen; behovsmatch 47,5 af 100; egnet til 2 boliger.',
      B: 'Tildelt Parkvej 3 (2 vær., 60 m², 4.800 kr./md., Nord): prioritet 2, ventet siden 1. januar 2024 (425 dage), nr. 3 af 3 i rækkefølgen; behovsmatch 46,2 af 100; egnet til 1 bolig.',
    });
    const c = t.ansoegere.find((d) => d.ansoegerId === 'C')!;
    expect(c).toMatchObject({ udfald: 'ikke_huset', aarsag: 'udelukket_fra_alle', rang: 1, muligeBoliger: 0 });
    expect(c.udfald === 'ikke_huset' && c.udelukket).toContainEqual({ grund: P6.grund, paragraf: P6.paragraf, antal: 1 });
    // Greedy's reasons for what it left.
    const gL = Object.fromEntries(gr.ledigheder.map((d) => [d.ledighedId, d.begrundelse]));
    const gA = Object.fromEntries(gr.ansoegere.map((d) => [d.ansoegerId, d.begrundelse]));
    expect(gL['Søndergade 8']).toBe('Ikke tildelt: den eneste egnede ansøger fik en anden bolig.');
    expect(gA.B).toBe(
      'Ingen bolig: egnet til 1 bolig (prioritet 2, ventet siden 1. januar 2024 (425 dage), nr. 3 af 3 i rækkefølgen), men alle gik til husstande med højere rang (prioritet, ventetid).',
    );
  });

  it('priority before waiting time before id; the one left out is told that nobody ranked above it could have been spared', () => {
    const input = {
      dato: DATO,
      ansoegere: [
        ans('Lang ventetid', { prioritet: 3, ventetSiden: '2020-01-01' }),
        ans('Akut', { prioritet: 1, ventetSiden: '2025-02-01' }),
        ans('B2', { prioritet: 2, ventetSiden: '2024-06-01' }),
        ans('B1', { prioritet: 2, ventetSiden: '2024-06-01' }),
      ],
      ledigheder: [led('L1'), led('L2', { vaerelser: 5 })],
    };
    const t = tildel(input);
    expect(t.ansoegere.map((d) => [d.ansoegerId, d.rang])).toEqual([
      ['Akut', 1],
      ['B1', 2],
      ['B2', 3],
      ['Lang ventetid', 4],
    ]);
    expect(t.tildelinger).toEqual([{ ledighedId: 'L1', ansoegerId: 'Akut', behovsmatch: expect.any(Number) }]);
    const lang = t.ansoegere.find((d) => d.ansoegerId === 'Lang ventetid')!;
    expect(lang).toMatchObject({ udfald: 'ikke_huset', aarsag: 'overhalet', muligeBoliger: 1, tilHoejereRang: 1, udelukket: [{ grund: 'forkert størrelse', antal: 1 }] });
    expect(lang.begrundelse).toBe(
      'Ingen bolig: egnet til 1 bolig (prioritet 3, ventet siden 1. januar 2020 (1.886 dage), nr. 4 af 4 i rækkefølgen), men alle gik til husstande med højere rang (prioritet, ventetid); ingen fordeling kunne huse husstanden, uden at en husstand med højere rang, som nu får bolig, måtte undvære.',
    );
    expect(t.ledigheder.find((d) => d.ledighedId === 'L1')!.begrundelse).toMatch(/^Tildelt Akut .*; Akut havde den højeste rang af dem\.$/);
  });

  it('a dwelling whose eligible households were all housed elsewhere says that filling it would leave another empty', () => {
    // X fits both; Y only L1. Both housed; L3 fits only X, who has L2 (or L1): it stays empty.
    const kanter: Kant[] = [
      { ansoegerId: 'X', ledighedId: 'L1', behovsmatch: 80 },
      { ansoegerId: 'X', ledighedId: 'L2', behovsmatch: 90 },
      { ansoegerId: 'X', ledighedId: 'L3', behovsmatch: 10 },
      { ansoegerId: 'Y', ledighedId: 'L1', behovsmatch: 50 },
      { ansoegerId: 'Y', ledighedId: 'L2', grund: 'for dyr' },
    ];
    const t = tildel({ dato: DATO, ansoegere: [ans('X', { prioritet: 1 }), ans('Y')], ledigheder: [led('L1'), led('L2'), led('L3')] }, { kanter });
    expect(t.tildelinger.map((p) => [p.ledighedId, p.ansoegerId])).toEqual([
      ['L1', 'Y'],
      ['L2', 'X'],
    ]);
    const l3 = t.ledigheder.find((d) => d.ledighedId === 'L3')!;
    expect(l3).toMatchObject({ udfald: 'ikke_tildelt', aarsag: 'egnede_fik_anden_bolig', egnede: 1, udelukket: [{ grund: GRUND.ikkeVurderet, antal: 1 }] });
    expect(l3.begrundelse).toBe('Ikke tildelt: den eneste egnede ansøger fik en anden bolig; ingen fordeling besætter flere boliger, så denne kunne kun besættes, hvis en anden stod tom.');
  });

  it('the fit step swaps two households when one gains and the other does not lose', () => {
    // H1 (first in rank) fits L2 and L3 equally and takes L2 (processing order); H2 then finds only L3 free (fit
    // 20), although it fits L2 at 70. H1 loses nothing by moving to L3, so they swap.
    const kanter: Kant[] = [
      { ansoegerId: 'H1', ledighedId: 'L2', behovsmatch: 90 },
      { ansoegerId: 'H1', ledighedId: 'L3', behovsmatch: 90 },
      { ansoegerId: 'H2', ledighedId: 'L2', behovsmatch: 70 },
      { ansoegerId: 'H2', ledighedId: 'L3', behovsmatch: 20 },
    ];
    const input = { dato: DATO, ansoegere: [ans('H1', { prioritet: 1 }), ans('H2')], ledigheder: [led('L1'), led('L2'), led('L3')] };
    const t = tildel(input, { kanter });
    expect(t.tildelinger).toEqual([
      { ledighedId: 'L2', ansoegerId: 'H2', behovsmatch: 70 },
      { ledighedId: 'L3', ansoegerId: 'H1', behovsmatch: 90 },
    ]);
    expect(t.forbedring).toEqual({ runder: 2, flytninger: 1, konvergeret: true });
    expect(t.samletBehovsmatch).toBe(160);
    expect(greedyAssign(input, { kanter }).samletBehovsmatch).toBe(110);
  });

  it('a long augmenting path through a household that an earlier successful search reached but did not explore', () => {
    // a1, a2, a3 take x, y, z. R (x, y) moves a2 on to f1 and takes y; its search stopped before looking behind a1.
    // R2 (only x) must then go R2 - x - a1 - z - a3 - f2: x is not closed by R's successful search.
    const k = (a: string, l: string, behovsmatch: number): Kant => ({ ansoegerId: a, ledighedId: l, behovsmatch });
    const kanter = [k('a1', 'x', 90), k('a1', 'z', 50), k('a2', 'y', 90), k('a2', 'f1', 50), k('a3', 'z', 90), k('a3', 'f2', 50), k('R', 'x', 90), k('R', 'y', 80), k('R2', 'x', 90)];
    const ansoegere = ['a1', 'a2', 'a3', 'R', 'R2'].map((id, i) => ans(id, { ventetSiden: `2024-01-0${i + 1}` }));
    const t = tildel({ dato: DATO, ansoegere, ledigheder: ['x', 'y', 'z', 'f1', 'f2'].map((id) => led(id)) }, { kanter });
    expect(t.antalHuset).toBe(5);
    expect(Object.fromEntries(t.tildelinger.map((p) => [p.ansoegerId, p.ledighedId]))).toEqual({ a1: 'z', a2: 'f1', a3: 'f2', R: 'y', R2: 'x' });
  });

  it('the legal filter is asked only about pairs that pass the need checks, and its ground is counted with its paragraph', () => {
    const spurgt: string[] = [];
    const udeluk: Udeluk = (a, l) => {
      spurgt.push(`${a.id}|${l.id}`);
      return a.id === 'S' ? { grund: 'stand-in', paragraf: '§ 0' } : null;
    };
    const input = {
      dato: DATO,
      ansoegere: [ans('S', { maxHusleje: 5000 }), ans('T', { kraeverTilgaengelig: true }), ans('U', { undgaaOmraader: ['Syd'] })],
      ledigheder: [led('Billig', { husleje: 4000 }), led('Dyr', { husleje: 7000 }), led('Tilgængelig', { tilgaengelig: true }), led('Syd', { omraade: 'Syd' })],
    };
    const t = tildel(input, { udeluk });
    expect(spurgt.sort()).toEqual(['S|Billig', 'S|Syd', 'S|Tilgængelig', 'T|Tilgængelig', 'U|Billig', 'U|Tilgængelig'].sort());
    const s = t.ansoegere.find((d) => d.ansoegerId === 'S')!;
    expect(s.udfald === 'ikke_huset' && s.udelukket).toEqual([
      { grund: 'stand-in', paragraf: '§ 0', antal: 3 },
      { grund: 'for dyr', antal: 1 },
    ]);
    const syd = t.ledigheder.find((d) => d.ledighedId === 'Syd')!;
    expect(syd.udfald === 'ikke_tildelt' && syd.udelukket).toEqual([
      { grund: 'ikke tilgængelig', antal: 1 },
      { grund: 'område fravalgt', antal: 1 },
      { grund: 'stand-in', paragraf: '§ 0', antal: 1 },
    ]);
  });

  it('the default need fit: rooms at the minimum, a wished area and a low rent fit best', () => {
    const a = ans('a', { vaerelserMin: 2, vaerelserMax: 4, maxHusleje: 8000, oenskedeOmraader: ['Nord'] });
    expect(standardBehovsmatch(a, led('x', { vaerelser: 2, husleje: 4000 }))).toBeCloseTo(40 + 30 + 15);
    expect(standardBehovsmatch(a, led('x', { vaerelser: 4, husleje: 8000, omraade: 'Syd' }))).toBeCloseTo(20);
    expect(standardBehovsmatch(ans('b', { vaerelserMin: 2, vaerelserMax: 2, maxHusleje: 8000 }), led('x', { vaerelser: 2, husleje: 8000 }))).toBeCloseTo(55);
  });

  it('empty inputs give empty results with reasons', () => {
    const t = tildel({ dato: DATO, ansoegere: [ans('A')], ledigheder: [] });
    expect(t.antalHuset).toBe(0);
    expect(t.ansoegere[0].begrundelse).toBe('Ingen bolig: der er ingen ledige boliger.');
    const u = tildel({ dato: DATO, ansoegere: [], ledigheder: [led('L')] });
    expect(u.ledigheder[0].begrundelse).toBe('Ikke tildelt: der er ingen ansøgere.');
  });

  it('refuses invalid input with Danish field errors', () => {
    const fejl = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).code).toBe('VALIDATION');
        return ((e as DomainError).details?.fields ?? []) as { field: string; message: string }[];
      }
      throw new Error('ventede en valideringsfejl');
    };
    expect(fejl(() => tildel({ dato: '2025-02-30', ansoegere: [], ledigheder: [] }))[0]).toEqual({ field: 'dato', message: 'Ugyldig dato "2025-02-30" (skal være ÅÅÅÅ-MM-DD).' });
    const f = fejl(() =>
      tildel({
        dato: DATO,
        ansoegere: [ans('A'), ans('A', { prioritet: 4 as Prioritet, vaerelserMin: 3, vaerelserMax: 2, ventetSiden: '2025-04-01' })],
        ledigheder: [led('L', { husleje: Number.NaN, frist: '1. marts' })],
      }),
    );
    expect(f.map((x) => x.field)).toEqual(['ansoegere[1].id', 'ansoegere[1].prioritet', 'ansoegere[1].ventetSiden', 'ansoegere[1].vaerelserMax', 'ledigheder[0].husleje', 'ledigheder[0].frist']);
    expect(f[0].message).toBe('Ansøgeren "A" står der to gange.');
    expect(fejl(() => tildel({ dato: DATO, ansoegere: [ans('A')], ledigheder: [led('L')] }, { kanter: [{ ansoegerId: 'Z', ledighedId: 'L', behovsmatch: 1 }] }))[0].message).toBe('Ukendt ansøger "Z".');
    expect(
      fejl(() =>
        tildel(
          { dato: DATO, ansoegere: [ans('A')], ledigheder: [led('L')] },
          {
            kanter: [
              { ansoegerId: 'A', ledighedId: 'L', behovsmatch: 1 },
              { ansoegerId: 'A', ledighedId: 'L', grund: 'for dyr' },
            ],
          },
        ),
      )[0].message,
    ).toBe('Parret A / L står der to gange.');
    expect(fejl(() => tildel({ dato: DATO, ansoegere: [ans('A')], ledigheder: [led('L')] }, { udeluk: () => ({ grund: '' }) }))[0].field).toBe('udeluk');
    expect(fejl(() => tildel({ dato: DATO, ansoegere: [ans('A')], ledigheder: [led('L')] }, { behovsmatch: () => Number.NaN }))[0].message).toBe('Behovsmatch for ansøger A og bolig L er ikke et tal.');
  });
});
