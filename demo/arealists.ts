// Demo reference values for the area lists: the national 2-year convicted average is computed by the agency
// each year and is not in the reference data. These values are generated near the one figure RULES.md 1.3
// derives (about 0.725 % around 2022, from S8) and labelled as demo data wherever they are shown.
export const DEMO_LANDSGENNEMSNIT_KILDE = 'Demodata (genereret): tilnærmet landsgennemsnit, jf. RULES.md 1.3 (ca. 0,725 % omkring 2022); ikke et officielt tal';

export const DEMO_LANDSGENNEMSNIT: { aar: number; doemte_pct: number }[] = [
  { aar: 2019, doemte_pct: 0.76 },
  { aar: 2020, doemte_pct: 0.74 },
  { aar: 2021, doemte_pct: 0.73 },
  { aar: 2022, doemte_pct: 0.725 },
  { aar: 2023, doemte_pct: 0.72 },
  { aar: 2024, doemte_pct: 0.715 },
];
