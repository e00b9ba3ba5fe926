// The municipal overview from its loaded data: aggregates over afdelinger, suppressed by the shared rule.
import { provenance } from '../../shared/provenance.ts';
import type { SuppressionRules } from '../../shared/suppression.ts';
import { kommuneAggregate, kommuneAggregates } from '../register/keyfigures.ts';
import type { Overview } from './schema.ts';
import type { OverviewData } from './store.ts';

const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

export function presentOverview(d: OverviewData, rules: SuppressionRules): Overview {
  const a = d.afdelinger;
  const i_alt = a.familie + a.ungdom + a.aeldre + a.pleje;
  const years = [...new Set(d.noegletal.map((r) => r.aar))].sort((x, y) => x - y);

  const udvikling = years.map((aar) => {
    const rows = d.noegletal.filter((r) => r.aar === aar);
    const beboere = kommuneAggregate(rows, kommuneAggregates.beboere, rules);
    const fraflytning = kommuneAggregate(rows, kommuneAggregates.fraflytning_pct, rules);
    const udenFor = kommuneAggregate(rows, kommuneAggregates.uden_for_arbejde_pct, rules);
    return {
      aar,
      beboere: beboere.value,
      fraflytning_pct: fraflytning.value,
      uden_for_arbejde_pct: udenFor.value,
      suppressed: [
        ...(beboere.suppressed ? ['beboere'] : []),
        ...(fraflytning.suppressed ? ['fraflytning_pct'] : []),
        ...(udenFor.suppressed ? ['uden_for_arbejde_pct'] : []),
      ],
    };
  });
  const latest = udvikling.at(-1);
  const masse = d.boligmasse;

  return {
    kommune: { kode: d.kommune.kode, navn: d.kommune.navn, demo: d.kommune.demo },
    aar: latest?.aar ?? null,
    boliger: { familie: a.familie, ungdom: a.ungdom, aeldre: a.aeldre, pleje: a.pleje, i_alt },
    andel_af_boligmassen_pct: masse && masse.boliger_i_alt > 0 ? round((i_alt / masse.boliger_i_alt) * 100, 2) : null,
    boligmasse_aar: masse?.aar ?? null,
    fraflytning_familie_pct: latest?.fraflytning_pct ?? null,
    gns_husleje_pr_m2: a.husleje_areal ? round(a.huslejeomsaetning! / a.husleje_areal, 2) : null,
    huslejeomsaetning_kr: a.huslejeomsaetning != null ? Math.round(a.huslejeomsaetning) : null,
    antal_boligorganisationer: d.antal_boligorganisationer,
    antal_afdelinger: a.antal_afdelinger,
    antal_boligomraader: d.antal_boligomraader,
    beboere: latest?.beboere ?? null,
    udvikling,
    provenance: d.provenance.map((p) => ({ datasaet: p.datasaet, ...provenance(p) })),
    suppressed: [
      ...(latest?.suppressed.includes('fraflytning_pct') ? ['fraflytning_familie_pct'] : []),
      ...(latest?.suppressed.includes('beboere') ? ['beboere'] : []),
    ],
  };
}
