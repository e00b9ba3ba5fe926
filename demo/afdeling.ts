// One generated afdeling: its dwellings (addresses, rooms, m2, rent, status) and its register row. The
// afdeling's bruttoareal and husleje_pr_m2 are computed from its own dwellings, so the register, the
// dwelling file and the rent turnover always agree.
import { BOLIGTYPER, DWELLING_MODEL, type Boligtype } from './calibration.ts';
import type { ImportRow } from './csv.ts';
import { clamp, type Rng } from './random.ts';

export interface AfdelingPlan {
  orgLbfNr: number;
  afdelingsnummer: number;
  navn: string;
  stem: string;
  kommunekode: string;
  postnummer: string;
  opfoerelsesaar: number;
  counts: Record<Boligtype, number>;
  /** Yearly rent per m2 for each dwelling type in this afdeling (kr). */
  rentPerM2: Record<Boligtype, number>;
  /** Etagebyggeri (floors and doors) or tæt-lav (one number per dwelling). */
  etage: boolean;
  ledigeNu: number;
  underRenovering: number;
}

export interface Dwelling {
  lejemaalsnummer: number;
  adresse: string;
  street: string;
  husnr: number;
  boligtype: Boligtype;
  vaerelser: number;
  areal: number;
  /** Monthly rent in kr. */
  husleje: number;
  status: 'udlejet' | 'ledig' | 'under_renovering';
}

export const emptyCounts = (): Record<Boligtype, number> => ({ familie: 0, ungdom: 0, aeldre: 0, pleje: 0 });
export const totalDwellings = (c: Record<Boligtype, number>): number => c.familie + c.ungdom + c.aeldre + c.pleje;

interface Layout {
  vaerelser: number;
  areal: number;
  rentFactor: number;
}

/**
 * Floor plans of one dwelling type in an afdeling: one or two identical layouts per room count, as real
 * afdelinger are built from a handful of plans. The room mix is tilted per afdeling (some have more small
 * flats) but follows the national model on average.
 */
function layoutPicker(rng: Rng, type: Boligtype): () => Layout {
  const model = DWELLING_MODEL[type];
  const sizeFactor = rng.normal(1, 0.04);
  const tilt = rng.normal(0, 0.25);
  const weights = model.rooms.map((r, i) => model.roomWeights[i] * Math.exp(tilt * (r - 3)));
  const plans = model.rooms.map((r) =>
    Array.from({ length: rng.int(1, 2) }, () => ({
      vaerelser: r,
      areal: Math.round(clamp((model.m2(r) + rng.normal(0, model.sd)) * sizeFactor, 18, 200) * 10) / 10,
      rentFactor: rng.normal(1, 0.03),
    })),
  );
  return () => rng.pick(plans[rng.weightedIndex(weights)]);
}

const DOORS = ['tv.', 'th.', 'mf.'];

/** Dwellings of an afdeling in lejemål order, with fictional addresses on its own streets. */
export function buildDwellings(rng: Rng, plan: AfdelingPlan, streets: readonly string[]): Dwelling[] {
  const total = BOLIGTYPER.reduce((s, t) => s + plan.counts[t], 0);
  // Staircases of (floors x doors) for etagebyggeri; one house number per dwelling for tæt-lav.
  const floors = plan.etage ? (total > 400 && rng.chance(0.3) ? rng.int(7, 12) : rng.int(3, 5)) : 1;
  const doors = plan.etage ? (plan.counts.ungdom > total / 2 ? rng.int(4, 6) : rng.int(2, 3)) : 1;
  const perEntrance = floors * doors;
  const entrances = Math.ceil(total / perEntrance);
  const perStreet = Math.ceil(entrances / streets.length);
  const firstNumber = streets.map(() => (rng.chance(0.5) ? 1 : 2));
  const step = plan.etage ? 2 : 1;

  const out: Dwelling[] = [];
  let i = 0;
  for (const type of BOLIGTYPER) {
    if (!plan.counts[type]) continue;
    const layout = layoutPicker(rng, type);
    for (let n = 0; n < plan.counts[type]; n++, i++) {
      const entrance = Math.floor(i / perEntrance);
      const streetIdx = Math.min(streets.length - 1, Math.floor(entrance / perStreet));
      const husnr = firstNumber[streetIdx] + step * (entrance - streetIdx * perStreet);
      const within = i % perEntrance;
      const floor = Math.floor(within / doors);
      const door = within % doors;
      let adresse = `${streets[streetIdx]} ${husnr}`;
      if (plan.etage) {
        const floorLabel = floor === 0 ? 'st.' : `${floor}.`;
        adresse += `, ${floorLabel} ${doors <= 3 ? DOORS[door] : String(door + 1)}`;
      }
      const l = layout();
      out.push({
        lejemaalsnummer: i + 1,
        adresse,
        street: streets[streetIdx],
        husnr,
        boligtype: type,
        vaerelser: l.vaerelser,
        areal: l.areal,
        husleje: Math.round((l.areal * plan.rentPerM2[type] * l.rentFactor) / 12),
        status: 'udlejet',
      });
    }
  }
  // Vacant and under-renovation dwellings are spread over the afdeling.
  const order = rng.shuffle(out.map((_, k) => k));
  order.slice(0, plan.ledigeNu).forEach((k) => (out[k].status = 'ledig'));
  order.slice(plan.ledigeNu, plan.ledigeNu + plan.underRenovering).forEach((k) => (out[k].status = 'under_renovering'));
  return out;
}

/** "Kildevej 1-37, Engstien 2-10": the afdeling's address ranges per street. */
export function addressSummary(dwellings: readonly Dwelling[]): string {
  const ranges = new Map<string, [number, number]>();
  for (const d of dwellings) {
    const r = ranges.get(d.street);
    if (!r) ranges.set(d.street, [d.husnr, d.husnr]);
    else (r[0] = Math.min(r[0], d.husnr)), (r[1] = Math.max(r[1], d.husnr));
  }
  return [...ranges].map(([s, [a, b]]) => (a === b ? `${s} ${a}` : `${s} ${a}-${b}`)).join(', ');
}

export function afdelingRow(plan: AfdelingPlan, dwellings: readonly Dwelling[]): ImportRow {
  let areal = 0;
  let rent = 0;
  for (const d of dwellings) (areal += d.areal), (rent += d.husleje * 12);
  return {
    org_lbf_nr: String(plan.orgLbfNr),
    afdelingsnummer: String(plan.afdelingsnummer),
    navn: plan.navn,
    adresser: addressSummary(dwellings),
    kommunekode: plan.kommunekode,
    opfoerelsesaar: String(plan.opfoerelsesaar),
    antal_familie: String(plan.counts.familie),
    antal_ungdom: String(plan.counts.ungdom),
    antal_aeldre: String(plan.counts.aeldre),
    antal_pleje: String(plan.counts.pleje),
    bruttoareal_m2: areal.toFixed(1),
    husleje_pr_m2: areal > 0 ? (rent / areal).toFixed(2) : '0.00',
  };
}

export function dwellingRow(plan: AfdelingPlan, d: Dwelling): ImportRow {
  return {
    org_lbf_nr: String(plan.orgLbfNr),
    afdelingsnummer: String(plan.afdelingsnummer),
    lejemaalsnummer: String(d.lejemaalsnummer),
    adresse: d.adresse,
    postnummer: plan.postnummer,
    boligtype: d.boligtype,
    vaerelser: String(d.vaerelser),
    areal_m2: d.areal.toFixed(1),
    husleje_maaned: d.husleje.toFixed(2),
    status: d.status,
  };
}

/** Build year by dwelling type: family estates mostly from the 1960s-70s, youth and elderly later. */
export function buildYear(rng: Rng, type: Boligtype): number {
  if (type === 'ungdom') return rng.int(1985, 2020);
  if (type === 'aeldre' || type === 'pleje') return rng.int(1980, 2018);
  const era = rng.weighted(
    [
      [1935, 1959],
      [1960, 1975],
      [1976, 1990],
      [1991, 2010],
      [2011, 2023],
    ],
    [15, 45, 20, 12, 8],
  );
  return rng.int(era[0], era[1]);
}

const TYPICAL_BUILD_YEAR: Record<Boligtype, number> = { familie: 1975, ungdom: 2002, aeldre: 1999, pleje: 1999 };

/**
 * Newer afdelinger carry higher rents (newer loans), relative to the type's typical build year so the
 * type's average level is kept; individual afdelinger spread around that.
 */
export function rentAgeFactor(rng: Rng, opfoerelsesaar: number, type: Boligtype): number {
  return clamp(1 + 0.004 * (opfoerelsesaar - TYPICAL_BUILD_YEAR[type]), 0.88, 1.25) * rng.normal(1, 0.06);
}
