// The published figures the generators are calibrated to, read from reference/ (real data, each row
// with its source URL) so a corrected reference value moves the demo with it. Nothing here is demo data.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEMO_KILDE = 'Demodata (genereret, ikke virkelige tal)';
/** Key-figure years generated for every afdeling and boligområde. */
export const YEARS = [2020, 2021, 2022, 2023, 2024] as const;
export const BOLIGTYPER = ['familie', 'ungdom', 'aeldre', 'pleje'] as const;
export type Boligtype = (typeof BOLIGTYPER)[number];

const refFile = fileURLToPath(new URL('../reference/almene_boliger_key_figures.csv', import.meta.url));

/** Minimal CSV line split that honours double quotes (the reference file quotes "75,9"). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

const refRows = readFileSync(refFile, 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map(splitCsvLine)
  .map(([geography, metric, value, , date]) => ({ geography, metric, value, date }));

/** An exact figure from the reference file; throws if it is missing so calibration never silently drifts. */
function ref(geography: string, metric: string, datePrefix: string): number {
  const row = refRows.find((r) => r.geography === geography && r.metric === metric && r.date.startsWith(datePrefix));
  if (!row) throw new Error(`Referencetal mangler: ${geography} ${metric} ${datePrefix}`);
  const n = Number(row.value.replace(/\./g, '').replace(',', '.'));
  if (!Number.isFinite(n)) throw new Error(`Referencetal er ikke et tal: ${geography} ${metric} ${row.value}`);
  return n;
}

const rentIndex2021to2023 = ref('Denmark', 'husleje_gns_alle_almene', '2023') / ref('Denmark', 'husleje_gns_alle_almene', '2021');
const familyRent2021 = ref('Denmark', 'husleje_gns_familieboliger', '2021');

export const NATIONAL = {
  /** Almene boliger at 1 January 2023 (LBF). */
  boliger: ref('Denmark', 'almene_boliger_i_alt', '2023'),
  gnsAreal: ref('Denmark', 'gennemsnitlig_boligstoerrelse', '2023'),
  gnsVaerelser: ref('Denmark', 'gennemsnitligt_antal_vaerelser', '2023'),
  familieAndel: ref('Denmark', 'familieboliger_andel_af_almene', '2017') / 100,
  almenAndel: ref('Denmark', 'almen_andel_af_boligmassen', '2018') / 100,
  hovedstadenAndel: ref('Denmark', 'almene_boliger_i_region_hovedstaden_andel', '2017') / 100,
  /** Rent per m2 per year by type at the 2023 level: the 2021 figures moved by the all-almene index 2021-2023. */
  husleje2023: {
    familie: familyRent2021 * rentIndex2021to2023,
    ungdom: ref('Denmark', 'husleje_gns_ungdomsboliger', '2021') * rentIndex2021to2023,
    aeldre: ref('Denmark', 'husleje_gns_aeldreboliger', '2021') * rentIndex2021to2023,
    // No published figure for plejeboliger: the elderly level is used.
    pleje: ref('Denmark', 'husleje_gns_aeldreboliger', '2021') * rentIndex2021to2023,
  } satisfies Record<Boligtype, number>,
  /**
   * Family rent per m2 relative to the national family average, for the regions where it is published
   * (2021). Nordjylland and Midtjylland are not published; national.ts solves them from the national mean.
   */
  regionalFamilieFaktor: {
    '1084': ref('Region Hovedstaden', 'husleje_gns_familieboliger', '2021') / familyRent2021,
    '1085': ref('Region Sjælland', 'husleje_gns_familieboliger', '2021') / familyRent2021,
    '1083': ref('Region Syddanmark', 'husleje_gns_familieboliger', '2021') / familyRent2021,
  } as Record<string, number>,
};

/**
 * Herlev's published fact sheet (BL, "Almene boliger gør Herlev Kommune bedre", figures for 2023/2024,
 * /work/shared/seeds/000_adfc44f572ac39f2.txt): the demo municipality's calibration targets.
 */
export const HERLEV = {
  familie: 7308,
  ungdom: 95,
  aeldre: 287,
  pleje: 0,
  andelAfBoligmassen: 0.54,
  fraflytningFamilie2023: 7.0,
  huslejeomsaetning2023: 601_000_000,
  beboere: 13_500,
};

/**
 * Dwelling size and room model per type. Family dwellings are larger than the national mean because the
 * 75.9 m2 and 2.7 rooms average over youth and elderly dwellings too; the numbers are chosen so the
 * national mix (87 % family) reproduces 75.9 m2 and 2.7 rooms.
 */
export const DWELLING_MODEL: Record<Boligtype, { rooms: number[]; roomWeights: number[]; m2: (rooms: number) => number; sd: number }> = {
  familie: { rooms: [1, 2, 3, 4, 5], roomWeights: [6, 28, 40, 21, 5], m2: (r) => 24 + 19.2 * r, sd: 6 },
  ungdom: { rooms: [1, 2], roomWeights: [80, 20], m2: (r) => (r === 1 ? 37 : 52), sd: 4 },
  aeldre: { rooms: [1, 2, 3], roomWeights: [5, 80, 15], m2: (r) => 31 + 17 * r, sd: 5 },
  pleje: { rooms: [1, 2], roomWeights: [95, 5], m2: (r) => (r === 1 ? 45 : 60), sd: 4 },
};

/** Persons per household by dwelling type (household size in almene boliger; tuned to ~1 million residents). */
export const PERSONS_PER_HOUSEHOLD: Record<Boligtype, number> = { familie: 1.85, ungdom: 1.1, aeldre: 1.2, pleje: 1.0 };
