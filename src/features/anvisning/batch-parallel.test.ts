// The batch in parts (batchKompatibilitet: the first part on this thread, the others in worker threads) against the
// sequential path (batchRegler + kompatibilitet) on generated households (demo/anvisning-batch.ts, not real data):
// the same Tildeling, deep equal, for ours and greedy, and the same DomainError when a household or a pair fails.
// The inputs are small, so the parts path is forced (parallel: true).
import { describe, expect, it } from 'vitest';
import { genererAnvisning } from '../../../demo/anvisning-batch.ts';
import { DomainError } from '../../errors.ts';
import { loadLaw } from '../../law/params.ts';
import { greedyGraf, kompatibilitet, tildelGraf } from '../../rules/tildeling.ts';
import { batchKompatibilitet, batchRegler, iDeleKoert, PARALLEL_MIN_PAR, type BatchAnsoeger, type BatchLedighed } from './batch.ts';

const law = loadLaw();
const dato = '2026-04-01';

function sekventielt(a: readonly BatchAnsoeger[], l: readonly BatchLedighed[], maxAndelPct?: number) {
  const { input, regler } = batchRegler(dato, a, l, law, maxAndelPct);
  return kompatibilitet(input, regler);
}
async function fejlAf(f: () => unknown): Promise<DomainError> {
  try {
    await f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('no error');
}
const fejl = (e: DomainError) => ({ name: e.name, code: e.code, message: e.message, details: e.details });
/** The applicants in rank order (priority, waiting since, id), as the engine ranks them. */
const rang = (a: readonly BatchAnsoeger[]) => [...a.keys()].sort((x, y) => a[x].prioritet - a[y].prioritet || (a[x].ventetSiden < a[y].ventetSiden ? -1 : a[x].ventetSiden > a[y].ventetSiden ? 1 : 0) || (a[x].id < a[y].id ? -1 : 1));

describe('batchKompatibilitet in parts', () => {
  it('keeps batches under PARALLEL_MIN_PAR pairs on one thread by default', async () => {
    const d = genererAnvisning(1, 300, 80, dato);
    expect(300 * 80).toBeLessThan(PARALLEL_MIN_PAR);
    const foer = iDeleKoert.antal;
    expect(await batchKompatibilitet(dato, d.ansoegere, d.ledigheder, law)).toStrictEqual(sekventielt(d.ansoegere, d.ledigheder));
    expect(iDeleKoert.antal).toBe(foer);
  });

  for (const [seed, nA, nL, dele, maxAndelPct] of [
    [1, 400, 90, 2, undefined],
    [2, 301, 77, 3, undefined],
    [3, 500, 120, 2, 40],
  ] as const) {
    it(`gives exactly the sequential Tildeling (seed ${seed}, ${nA} x ${nL}, ${dele} parts)`, async () => {
      const d = genererAnvisning(seed, nA, nL, dato);
      const foer = iDeleKoert.antal;
      const g = await batchKompatibilitet(dato, d.ansoegere, d.ledigheder, law, maxAndelPct, { parallel: true, dele });
      expect(iDeleKoert.antal).toBe(foer + 1);
      const s = sekventielt(d.ansoegere, d.ledigheder, maxAndelPct);
      expect(g).toStrictEqual(s);
      expect(tildelGraf(g)).toStrictEqual(tildelGraf(s));
      expect(greedyGraf(g)).toStrictEqual(greedyGraf(s));
    }, 60_000);
  }

  it("surfaces a household's error in a worker as the sequential path's DomainError (the first in input order)", async () => {
    const d = genererAnvisning(4, 200, 50, dato);
    const a = structuredClone(d.ansoegere);
    const r = rang(a);
    // The last in rank order is in the worker's part; a household earlier in the input but later in rank in the
    // first part (this thread's) fails too: the sequential path meets the worker's one first.
    const sidst = r[r.length - 1];
    const foerste = r.slice(0, 100).find((i) => i > sidst) ?? r[0];
    a[sidst].husstand!.medlemmer[0].foedselsdato = 'x';
    a[foerste].husstand!.medlemmer[0].foedselsdato = 'y';
    const s = await fejlAf(() => sekventielt(a, d.ledigheder));
    const foer = iDeleKoert.fejl;
    const p = await fejlAf(() => batchKompatibilitet(dato, a, d.ledigheder, law, undefined, { parallel: true, dele: 2 }));
    expect(iDeleKoert.fejl).toBe(foer + 1);
    expect(fejl(p)).toEqual(fejl(s));
    expect(p.message).toContain(sidst < foerste ? '"x"' : '"y"');
  }, 60_000);

  it("surfaces a pair's error as the sequential path's DomainError, and a household's before it", async () => {
    const d = genererAnvisning(5, 200, 50, dato);
    const l = structuredClone(d.ledigheder);
    const billigst = [...l.keys()].sort((x, y) => l[x].husleje - l[y].husleje)[0];
    l[billigst].arealM2 = 0;
    const s = await fejlAf(() => sekventielt(d.ansoegere, l));
    const foer = iDeleKoert.fejl;
    const p = await fejlAf(() => batchKompatibilitet(dato, d.ansoegere, l, law, undefined, { parallel: true, dele: 2 }));
    expect(fejl(p)).toEqual(fejl(s));
    expect(p.details?.fields?.[0].field).toBe('arealM2');
    const a = structuredClone(d.ansoegere);
    const r = rang(a);
    a[r[r.length - 1]].husstand!.medlemmer[0].foedselsdato = 'x';
    const s2 = await fejlAf(() => sekventielt(a, l));
    const p2 = await fejlAf(() => batchKompatibilitet(dato, a, l, law, undefined, { parallel: true, dele: 2 }));
    expect(fejl(p2)).toEqual(fejl(s2));
    expect(p2.message).toContain('"x"');
    expect(iDeleKoert.fejl).toBe(foer + 2);
  }, 60_000);

  it("leaves an error in the input itself to the sequential path's order", async () => {
    const d = genererAnvisning(6, 100, 30, dato);
    const a = structuredClone(d.ansoegere);
    a[50].vaerelserMax = -1;
    const s = await fejlAf(() => sekventielt(a, d.ledigheder));
    const p = await fejlAf(() => batchKompatibilitet(dato, a, d.ledigheder, law, undefined, { parallel: true, dele: 2 }));
    expect(fejl(p)).toEqual(fejl(s));
    a[70].husstand!.medlemmer[0].foedselsdato = 'x';
    const s2 = await fejlAf(() => sekventielt(a, d.ledigheder));
    const p2 = await fejlAf(() => batchKompatibilitet(dato, a, d.ledigheder, law, undefined, { parallel: true, dele: 2 }));
    expect(fejl(p2)).toEqual(fejl(s2));
    expect(p2.message).toContain('"x"');
  }, 60_000);
});
