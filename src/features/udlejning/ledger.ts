// The quota ledger of an udlejningsaftale (issue 5, item 3): per afdeling and year the vacant family
// dwellings, the lettings by channel, the agreed quota for kommunal anvisning and fleksibel udlejning against
// what happened, and the running balance over the agreement's years; rolled up per organisation and overall.

export interface LedgerInput {
  afdeling_id: number;
  afdeling_navn: string;
  boligorganisation_id: number;
  boligorganisation_navn: string;
  aar: number;
  ledige_familieboliger: number;
  venteliste: number;
  fleksibel_udlejning: number;
  kommunal_anvisning: number;
  intern_oprykning: number;
  andet: number;
  /** The step in force that year and its tools; null when the afdeling was not placed (no quota then). */
  trin: string | null;
  anvisningPct: number | null;
  fleksibelPct: number | null;
}

export interface Tal {
  ledige_familieboliger: number;
  udlejet: number;
  ikke_udlejet: number;
  kommunal_anvisning: number;
  kvote_anvisning: number | null;
  afvigelse_anvisning: number | null;
  saldo_anvisning: number | null;
  fleksibel_udlejning: number;
  kvote_fleksibel: number | null;
  afvigelse_fleksibel: number | null;
  saldo_fleksibel: number | null;
}

export type LedgerRow = LedgerInput & Tal;
export type SumRow = { aar: number; boligorganisation_id: number | null; boligorganisation_navn: string | null } & Tal;

const r2 = (n: number) => Math.round(n * 100) / 100;
const add = (a: number | null, b: number | null) => (a === null || b === null ? null : r2(a + b));

/** Quotas, deviations and running balances; rows in, rows out, sorted by afdeling and year. */
export function ledger(input: readonly LedgerInput[]): { afdelinger: LedgerRow[]; organisationer: SumRow[]; kommune: SumRow[] } {
  const rows = [...input].sort((a, b) => a.afdeling_id - b.afdeling_id || a.aar - b.aar);
  const out: LedgerRow[] = [];
  let prev: LedgerRow | null = null;
  for (const r of rows) {
    const udlejet = r.venteliste + r.fleksibel_udlejning + r.kommunal_anvisning + r.intern_oprykning + r.andet;
    // § 59: the share of the vacant family dwellings; § 60: the share of those not used for kommunal anvisning.
    const kvoteA = r.anvisningPct === null ? null : r2((r.ledige_familieboliger * r.anvisningPct) / 100);
    const kvoteF = r.fleksibelPct === null ? null : r2((Math.max(0, r.ledige_familieboliger - r.kommunal_anvisning) * r.fleksibelPct) / 100);
    const afvA = kvoteA === null ? null : r2(r.kommunal_anvisning - kvoteA);
    const afvF = kvoteF === null ? null : r2(r.fleksibel_udlejning - kvoteF);
    const same = prev !== null && prev.afdeling_id === r.afdeling_id;
    const row: LedgerRow = {
      ...r,
      udlejet,
      ikke_udlejet: Math.max(0, r.ledige_familieboliger - udlejet),
      kvote_anvisning: kvoteA,
      afvigelse_anvisning: afvA,
      // A year without a quota breaks the running balance: it cannot be said what was owed.
      saldo_anvisning: same ? add(prev!.saldo_anvisning, afvA) : afvA,
      kvote_fleksibel: kvoteF,
      afvigelse_fleksibel: afvF,
      saldo_fleksibel: same ? add(prev!.saldo_fleksibel, afvF) : afvF,
    };
    out.push(row);
    prev = row;
  }
  const sum = (rs: LedgerRow[], aar: number, org: { id: number; navn: string } | null): SumRow => {
    const s = (f: (r: LedgerRow) => number | null) => rs.reduce<number | null>((acc, r) => add(acc, f(r)), 0);
    return {
      aar,
      boligorganisation_id: org?.id ?? null,
      boligorganisation_navn: org?.navn ?? null,
      ledige_familieboliger: s((r) => r.ledige_familieboliger)!,
      udlejet: s((r) => r.udlejet)!,
      ikke_udlejet: s((r) => r.ikke_udlejet)!,
      kommunal_anvisning: s((r) => r.kommunal_anvisning)!,
      kvote_anvisning: s((r) => r.kvote_anvisning),
      afvigelse_anvisning: s((r) => r.afvigelse_anvisning),
      saldo_anvisning: s((r) => r.saldo_anvisning),
      fleksibel_udlejning: s((r) => r.fleksibel_udlejning)!,
      kvote_fleksibel: s((r) => r.kvote_fleksibel),
      afvigelse_fleksibel: s((r) => r.afvigelse_fleksibel),
      saldo_fleksibel: s((r) => r.saldo_fleksibel),
    };
  };
  const years = [...new Set(out.map((r) => r.aar))].sort((a, b) => a - b);
  const orgs = [...new Map(out.map((r) => [r.boligorganisation_id, r.boligorganisation_navn])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'da'));
  return {
    afdelinger: out,
    organisationer: orgs.flatMap(([id, navn]) => years.map((y) => sum(out.filter((r) => r.boligorganisation_id === id && r.aar === y), y, { id, navn }))).filter((s) => s.ledige_familieboliger > 0 || s.udlejet > 0),
    kommune: years.map((y) => sum(out.filter((r) => r.aar === y), y, null)),
  };
}
