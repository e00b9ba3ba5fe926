// GENERATED DATA for the batch assignment benchmark (bench/anvisning.ts) and the fast-path equivalence tests: seeded
// (demo/random.ts), not real applicants or dwellings. Households carry the facts the legal rules read (members with
// birth dates or ages, citizenship, study, releases, terminated leases, benefits month by month, cohabitation, income;
// src/rules/anvisning.ts `Husstand`), vacancies carry rent, area, rooms and their area's list categories.
// Calibration (seed 003): low incomes, most on benefits, so the larger, dearer dwellings have few applicants who can
// pay. A few facts are left unknown on purpose, as in real cases, so 'kan ikke afgøres' occurs.
import type { Husstand, Kategori, Medlem, Ydelsesart, YdelsesMaaned } from '../src/rules/anvisning.ts';
import type { Ansoeger, Ledighed, Prioritet } from '../src/rules/tildeling.ts';
import { Rng, clamp } from './random.ts';

export interface GenAnsoeger extends Omit<Ansoeger, 'maxHusleje'> {
  husstand: Husstand;
}
export interface GenLedighed extends Ledighed {
  kategorier: Kategori[];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const mIdx = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
const mIso = (i: number) => `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;

export function addDays(iso: string, n: number): string {
  return new Date(Date.parse(iso + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
}

/** The 40 areas of the benchmark municipality: 6 of them (15 %) on a list. */
export function omraader(rng: Rng): { navn: string; kategorier: Kategori[]; vaegt: number }[] {
  return Array.from({ length: 40 }, (_, k) => {
    const kategorier: Kategori[] =
      k >= 6 ? [] : k < 2 ? ['udsat', 'parallelsamfund'] : k < 3 ? ['udsat', 'parallelsamfund', 'omdannelsesomraade'] : k < 4 ? ['udsat'] : ['forebyggelsesomraade'];
    return { navn: `Område ${pad(k + 1)}`, kategorier, vaegt: rng.float(0.5, 1.5) };
  });
}

/** Benefits for one adult: a main situation, possibly a run of months ending near the date. */
function ydelser(r: Rng, dato: string, alder: number): { h: Medlem['ydelser']; hovedart: Ydelsesart | 'arbejde' } {
  const d = mIdx(dato);
  // Normally known up to the last paid month (the month before the date); sometimes a month or two short (the
  // caseworker's information is older): the rules then see unknown months.
  const til = d - 1 - r.weightedIndex([0.92, 0.06, 0.02]);
  const fra = d - r.int(12, 36);
  let art: Ydelsesart | 'arbejde';
  if (alder >= 67) art = 'folkepension';
  else art = r.weighted(['kontanthjaelp', 'uddannelseshjaelp', 'selvforsoergelses_og_hjemrejseydelse', 'overgangsydelse', 'foertidspension', 'sygedagpenge', 'arbejdsloeshedsdagpenge', 'ressourceforloebsydelse_jobafklaring', 'ledighedsydelse', 'arbejde'] as const, [28, 8, 4, 3, 14, 6, 6, 3, 3, 25]);
  const maaneder: YdelsesMaaned[] = [];
  if (art !== 'arbejde') {
    // A run that ends at `slut` (usually still running) and lasted 1-30 months; pensions are long.
    const laengde = art === 'folkepension' || art === 'foertidspension' ? 60 : Math.max(1, Math.round(r.logNormal(7, 0.8)));
    const slut = r.chance(0.85) ? Math.max(til, d) : d - r.int(2, 10);
    for (let i = Math.max(fra, slut - laengde + 1); i <= Math.min(til, slut); i++) {
      // A change of kind inside a run (uddannelseshjælp -> kontanthjælp) or a month of sygedagpenge that breaks it.
      let a: Ydelsesart = art;
      if (art === 'kontanthjaelp' && i < slut - 4 && r.chance(0.1)) a = 'uddannelseshjaelp';
      if (art === 'kontanthjaelp' && r.chance(0.02)) a = 'sygedagpenge';
      maaneder.push({ maaned: mIso(i), art: a });
    }
  }
  return { h: { oplystFra: mIso(fra), oplystTil: mIso(Math.max(fra, til)), maaneder }, hovedart: art };
}

const AARSINDKOMST: Record<Ydelsesart | 'arbejde', [number, number]> = {
  kontanthjaelp: [145_000, 0.15],
  uddannelseshjaelp: [95_000, 0.15],
  selvforsoergelses_og_hjemrejseydelse: [85_000, 0.15],
  overgangsydelse: [85_000, 0.15],
  integrationsydelse: [85_000, 0.15],
  foertidspension: [230_000, 0.1],
  arbejdsloeshedsdagpenge: [240_000, 0.1],
  sygedagpenge: [230_000, 0.15],
  ressourceforloebsydelse_jobafklaring: [150_000, 0.15],
  ressourceforloebsydelse_ressourceforloeb: [150_000, 0.15],
  ledighedsydelse: [220_000, 0.1],
  seniorpension: [230_000, 0.1],
  folkepension: [200_000, 0.15],
  efterloen: [210_000, 0.1],
  su: [80_000, 0.1],
  andet: [150_000, 0.2],
  arbejde: [290_000, 0.25],
};

function voksen(r: Rng, id: string, rolle: Medlem['rolle'], dato: string, alder: number): { m: Medlem; indkomst: number } {
  const y = ydelser(r, dato, alder);
  const eu = r.chance(0.8);
  const m: Medlem = {
    id,
    rolle,
    euEoesSchweiz: eu,
    studerende: !eu && r.chance(0.1),
    loesladelser: r.chance(0.02) ? [{ dato: addDays(dato, -r.int(10, 400)), fra: 'faengsel' }] : [],
    lejemaalOphaevet: r.chance(0.02) ? [{ dato: addDays(dato, -r.int(10, 400)) }] : [],
    ydelser: y.h,
  };
  if (r.chance(0.9)) m.foedselsdato = addDays(dato, -Math.floor((alder + r.float(0, 1)) * 365.25));
  else m.alder = alder;
  // Unknown facts, as in real cases.
  if (r.chance(0.01)) delete m.euEoesSchweiz;
  if (!eu && r.chance(0.05)) delete m.studerende;
  if (r.chance(0.01)) delete m.loesladelser;
  if (r.chance(0.01)) delete m.lejemaalOphaevet;
  if (r.chance(0.005)) delete m.ydelser;
  const [med, sd] = AARSINDKOMST[y.hovedart];
  return { m, indkomst: Math.round(r.logNormal(med, sd) / 100) * 100 };
}

/** One household: single (70 %: most of those anvist are homeless, leave an institution or are hit by divorce),
 *  single parent (20 %) or couple (married or samlevende) with or without children. */
export function husstand(r: Rng, dato: string): Husstand {
  const type = r.weightedIndex([0.7, 0.2, 0.1]);
  const alderA = Math.round(clamp(r.logNormal(38, 0.35), 18, 90));
  const a = voksen(r, 'a', 'ansoeger', dato, alderA);
  const medlemmer = [a.m];
  let indkomst = a.indkomst;
  if (type === 2) {
    const rolle = r.chance(0.6) ? 'aegtefaelle' : 'samlever';
    const p = voksen(r, 'p', rolle, dato, Math.round(clamp(alderA + r.normal(0, 4), 18, 95)));
    // 2-year rule: some couples have lived together for less than two years.
    if (rolle === 'samlever' && r.chance(0.95)) p.m.samleverSiden = addDays(dato, -r.int(60, 3000));
    medlemmer.push(p.m);
    indkomst += p.indkomst;
  }
  if (type >= 1 && alderA < 60) {
    const boern = type === 1 ? 1 + r.weightedIndex([0.45, 0.35, 0.15, 0.05]) : r.weightedIndex([0.35, 0.3, 0.25, 0.07, 0.03]);
    for (let k = 0; k < boern; k++) {
      const alder = r.int(0, Math.min(19, alderA - 18));
      const b: Medlem = { id: `b${k + 1}`, rolle: 'barn', euEoesSchweiz: a.m.euEoesSchweiz, studerende: false, loesladelser: [], lejemaalOphaevet: [], ydelser: { oplystFra: mIso(mIdx(dato) - 12), oplystTil: mIso(mIdx(dato) - 1), maaneder: [] } };
      if (r.chance(0.95)) b.foedselsdato = addDays(dato, -Math.floor((alder + r.float(0, 1)) * 365.25));
      else if (r.chance(0.8)) b.alder = alder;
      if (alder >= 15 && r.chance(0.03)) b.loesladelser = [{ dato: addDays(dato, -r.int(10, 300)), fra: 'ungdomsinstitution' }];
      medlemmer.push(b);
    }
    // Child benefits are not income under boligstøtteloven § 8; a little is added for child support.
    indkomst += boern * 6000;
  }
  const h: Husstand = { medlemmer };
  if (r.chance(0.98)) h.husstandsindkomstAar = indkomst;
  return h;
}

/**
 * The benchmark population: `nA` applicant households and `nL` vacancies on `dato` (a date in 2026, the year the
 * boligstøtte satser cover). Rooms 1-5, rents 3,000-9,000 kr. rising with the area; 10 % accessible dwellings.
 */
export function genererAnvisning(seed: number, nA: number, nL: number, dato: string): { ansoegere: GenAnsoeger[]; ledigheder: GenLedighed[] } {
  const rng = new Rng(seed);
  const omr = omraader(rng.fork('omraader'));
  const lr = rng.fork('ledigheder');
  const ledigheder: GenLedighed[] = [];
  for (let j = 0; j < nL; j++) {
    const vaerelser = 1 + lr.weightedIndex([0.15, 0.35, 0.3, 0.15, 0.05]);
    const arealM2 = Math.round(clamp(25 + 22 * vaerelser + lr.normal(0, 8), 25, 160));
    const husleje = Math.round(clamp(1500 + 55 * arealM2 + lr.normal(0, 700), 3000, 9000) / 25) * 25;
    const o = lr.weighted(omr, omr.map((x) => x.vaegt));
    ledigheder.push({
      id: `L${pad(j + 1, 5)}`,
      vaerelser,
      arealM2,
      husleje,
      tilgaengelig: lr.chance(0.1),
      omraade: o.navn,
      kategorier: o.kategorier,
      frist: addDays(dato, lr.chance(0.02) ? -lr.int(1, 10) : lr.int(0, 42)),
    });
  }
  const ap = rng.fork('ansoegere');
  const ansoegere: GenAnsoeger[] = [];
  for (let i = 0; i < nA; i++) {
    const h = husstand(ap, dato);
    const personer = h.medlemmer.length;
    const vaerelserMin = Math.min(5, Math.max(1, personer - 1));
    const vaerelserMax = Math.min(5, vaerelserMin + ap.weightedIndex([0.45, 0.45, 0.1]));
    const a: GenAnsoeger = {
      id: `A${pad(i + 1, 6)}`,
      prioritet: (1 + ap.weightedIndex([0.15, 0.35, 0.5])) as Prioritet,
      ventetSiden: addDays(dato, -Math.floor(ap.float(0, 1) ** 1.5 * 1100)),
      vaerelserMin,
      vaerelserMax,
      kraeverTilgaengelig: ap.chance(0.05),
      husstand: h,
    };
    if (ap.chance(0.1)) a.undgaaOmraader = [ap.pick(omr).navn, ...(ap.chance(0.3) ? [ap.pick(omr).navn] : [])];
    if (ap.chance(0.3)) a.oenskedeOmraader = Array.from({ length: ap.int(1, 3) }, () => ap.pick(omr).navn);
    ansoegere.push(a);
  }
  return { ansoegere, ledigheder };
}
