// Rows -> API shapes. Key figures pass through the small-numbers rule here, so every answer and every
// export built from these items is suppressed the same way.
import { daCollator } from '../../shared/list.ts';
import { provenance } from '../../shared/provenance.ts';
import { keyFigureFields, type SuppressionRules } from '../../shared/suppression.ts';
import { suppressNoegletal } from './keyfigures.ts';
import type {
  AfdelingItem,
  BoligItem,
  BoligomraadeItem,
  BoligorganisationItem,
  KommuneItem,
  NoegletalItem,
} from './schema.ts';
import type { AfdelingRow, BoligomraadeRow, BoligorganisationRow, BoligRow, KommuneRow, NoegletalRow } from './store.ts';

export function presentKommune(r: KommuneRow): KommuneItem {
  return {
    kode: r.kode,
    navn: r.navn,
    region_kode: r.region_kode,
    region_navn: r.region_navn,
    demo: r.demo,
    antal_afdelinger: r.antal_afdelinger,
    antal_boliger: r.antal_boliger,
  };
}

export function presentBoligorganisation(r: BoligorganisationRow): BoligorganisationItem {
  return {
    id: r.id,
    lbf_nr: r.lbf_nr,
    cvr: r.cvr,
    navn: r.navn,
    form: r.form,
    administrationsorganisation: r.administrationsorganisation,
    kommunekode: r.kommunekode,
    kommunenavn: r.kommunenavn,
    antal_afdelinger: r.antal_afdelinger,
    antal_boliger: r.antal_boliger,
    provenance: provenance(r),
  };
}

export function presentAfdeling(r: AfdelingRow): AfdelingItem {
  return {
    id: r.id,
    boligorganisation_id: r.boligorganisation_id,
    boligorganisation_navn: r.boligorganisation_navn,
    org_lbf_nr: r.org_lbf_nr,
    afdelingsnummer: r.afdelingsnummer,
    navn: r.navn,
    adresser: r.adresser,
    kommunekode: r.kommunekode,
    opfoerelsesaar: r.opfoerelsesaar,
    antal_familie: r.antal_familie,
    antal_ungdom: r.antal_ungdom,
    antal_aeldre: r.antal_aeldre,
    antal_pleje: r.antal_pleje,
    antal_boliger: r.antal_familie + r.antal_ungdom + r.antal_aeldre + r.antal_pleje,
    bruttoareal_m2: r.bruttoareal_m2,
    husleje_pr_m2: r.husleje_pr_m2,
    boligomraader: r.boligomraader
      .map((b) => ({ id: Number(b.id), kode: b.kode, navn: b.navn }))
      .sort((a, b) => daCollator.compare(a.kode, b.kode)),
    provenance: provenance(r),
  };
}

/**
 * Suppresses and presents key-figure rows; `rows` must hold whole (kommune, year) groups.
 * `keep` picks the rows to present after suppression (e.g. one afdeling's years).
 */
export function presentNoegletal(
  rows: NoegletalRow[],
  rules: SuppressionRules,
  keep: (r: NoegletalRow) => boolean = () => true,
): NoegletalItem[] {
  return suppressNoegletal(rows, rules)
    .filter(keep)
    .map((r) => ({
      enhed: r.enhed,
      enhed_id: r.enhed_id,
      enhed_navn: r.enhed_navn,
      aar: r.aar,
      ...Object.fromEntries(keyFigureFields.map((f) => [f, r[f]])),
      provenance: provenance(r),
      suppressed: r.suppressed,
    }));
}

/** `latest`: the område's own key figures of its latest year, already suppressed (or undefined). */
export function presentBoligomraade(r: BoligomraadeRow, latest: NoegletalItem | undefined): BoligomraadeItem {
  return {
    id: r.id,
    kode: r.kode,
    navn: r.navn,
    kommunekode: r.kommunekode,
    antal_afdelinger: r.antal_afdelinger,
    beboere: (latest?.beboere as number | null) ?? null,
    beboere_aar: latest?.aar ?? null,
    provenance: provenance(r),
    beboere_provenance: latest ? latest.provenance : null,
    suppressed: latest?.suppressed.includes('beboere') ? ['beboere'] : [],
  };
}

/** The latest year's item per unit id. */
export function latestByUnit(items: NoegletalItem[]): Map<number, NoegletalItem> {
  const m = new Map<number, NoegletalItem>();
  for (const it of items) {
    const cur = m.get(it.enhed_id);
    if (!cur || it.aar > cur.aar) m.set(it.enhed_id, it);
  }
  return m;
}

export function presentBolig(r: BoligRow): BoligItem {
  return {
    id: r.id,
    afdeling_id: r.afdeling_id,
    afdeling_navn: r.afdeling_navn,
    lejemaalsnummer: r.lejemaalsnummer,
    adresse: r.adresse,
    postnummer: r.postnummer,
    boligtype: r.boligtype as BoligItem['boligtype'],
    vaerelser: r.vaerelser,
    areal_m2: r.areal_m2,
    husleje_maaned: r.husleje_maaned,
    status: r.status as BoligItem['status'],
    provenance: provenance(r),
  };
}
