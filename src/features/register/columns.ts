// Danish column headings of the register's exports.
import type { ExportColumn, ExportSpec } from '../exports/export.ts';
import type { Provenance } from '../../shared/provenance.ts';
import type { KeyFigureName } from '../../shared/suppression.ts';
import type { AfdelingItem, BoligItem, BoligomraadeItem, BoligorganisationItem, KommuneItem, NoegletalItem } from './schema.ts';

const provenanceColumns = <T extends { provenance: Provenance }>(
  get: (i: T) => Provenance | null = (i) => i.provenance,
  prefix = '',
): ExportColumn<T>[] => [
  { header: `${prefix}Kilde`, type: 'text', value: (i) => get(i)?.kilde },
  { header: `${prefix}Opgjort pr.`, type: 'date', value: (i) => get(i)?.opgjort_pr },
  { header: `${prefix}Importjob`, type: 'int', value: (i) => get(i)?.import_job_id },
];

export const kommuneExport: ExportSpec<KommuneItem> = {
  name: 'kommuner',
  title: 'Kommuner',
  columns: [
    { header: 'Kommunekode', type: 'text', field: 'kode' },
    { header: 'Kommune', type: 'text', field: 'navn' },
    { header: 'Regionskode', type: 'text', field: 'region_kode' },
    { header: 'Region', type: 'text', field: 'region_navn' },
    { header: 'Afdelinger', type: 'int', field: 'antal_afdelinger' },
    { header: 'Almene boliger', type: 'int', field: 'antal_boliger' },
  ],
};

export const boligorganisationExport: ExportSpec<BoligorganisationItem> = {
  name: 'boligorganisationer',
  title: 'Boligorganisationer',
  columns: [
    { header: 'LBF-nr.', type: 'int', field: 'lbf_nr' },
    { header: 'CVR-nr.', type: 'text', field: 'cvr' },
    { header: 'Navn', type: 'text', field: 'navn' },
    { header: 'Organisationsform', type: 'text', field: 'form' },
    { header: 'Administrationsorganisation', type: 'text', field: 'administrationsorganisation' },
    { header: 'Hjemkommune (kode)', type: 'text', field: 'kommunekode' },
    { header: 'Hjemkommune', type: 'text', field: 'kommunenavn' },
    { header: 'Afdelinger', type: 'int', field: 'antal_afdelinger' },
    { header: 'Boliger', type: 'int', field: 'antal_boliger' },
    ...provenanceColumns<BoligorganisationItem>(),
  ],
};

export const afdelingExport: ExportSpec<AfdelingItem> = {
  name: 'afdelinger',
  title: 'Afdelinger',
  columns: [
    { header: 'Boligorganisation', type: 'text', field: 'boligorganisation_navn' },
    { header: 'LBF-nr.', type: 'int', field: 'org_lbf_nr' },
    { header: 'Afdelingsnr.', type: 'int', field: 'afdelingsnummer' },
    { header: 'Afdeling', type: 'text', field: 'navn' },
    { header: 'Adresser', type: 'text', field: 'adresser' },
    { header: 'Kommunekode', type: 'text', field: 'kommunekode' },
    { header: 'Opførelsesår', type: 'int', field: 'opfoerelsesaar' },
    { header: 'Familieboliger', type: 'int', field: 'antal_familie' },
    { header: 'Ungdomsboliger', type: 'int', field: 'antal_ungdom' },
    { header: 'Ældreboliger', type: 'int', field: 'antal_aeldre' },
    { header: 'Plejeboliger', type: 'int', field: 'antal_pleje' },
    { header: 'Boliger i alt', type: 'int', field: 'antal_boliger' },
    { header: 'Bruttoareal (m²)', type: 'decimal', field: 'bruttoareal_m2', decimals: 1 },
    { header: 'Årlig husleje pr. m² (kr.)', type: 'decimal', field: 'husleje_pr_m2' },
    { header: 'Boligområder', type: 'text', value: (i) => i.boligomraader.map((b) => `${b.kode} ${b.navn}`).join(', ') },
    ...provenanceColumns<AfdelingItem>(),
  ],
};

export const boligomraadeExport: ExportSpec<BoligomraadeItem> = {
  name: 'boligomraader',
  title: 'Boligområder',
  columns: [
    { header: 'Kode', type: 'text', field: 'kode' },
    { header: 'Boligområde', type: 'text', field: 'navn' },
    { header: 'Kommunekode', type: 'text', field: 'kommunekode' },
    { header: 'Afdelinger', type: 'int', field: 'antal_afdelinger' },
    { header: 'Beboere', type: 'int', field: 'beboere' },
    { header: 'Beboere, år', type: 'int', field: 'beboere_aar' },
    ...provenanceColumns<BoligomraadeItem>(),
    ...provenanceColumns<BoligomraadeItem>((i) => i.beboere_provenance, 'Beboere: '),
  ],
};

export const boligExport: ExportSpec<BoligItem> = {
  name: 'boliger',
  title: 'Boliger',
  columns: [
    { header: 'Afdeling', type: 'text', field: 'afdeling_navn' },
    { header: 'Lejemålsnr.', type: 'int', field: 'lejemaalsnummer' },
    { header: 'Adresse', type: 'text', field: 'adresse' },
    { header: 'Postnummer', type: 'text', field: 'postnummer' },
    { header: 'Boligtype', type: 'text', field: 'boligtype' },
    { header: 'Værelser', type: 'int', field: 'vaerelser' },
    { header: 'Areal (m²)', type: 'decimal', field: 'areal_m2', decimals: 1 },
    { header: 'Månedlig husleje (kr.)', type: 'decimal', field: 'husleje_maaned' },
    { header: 'Status', type: 'text', field: 'status' },
    ...provenanceColumns<BoligItem>(),
  ],
};

const keyFigureHeadings: Record<KeyFigureName, [string, 'int' | 'decimal']> = {
  beboere: ['Beboere', 'int'],
  husstande: ['Husstande', 'int'],
  beboere_0_17: ['Beboere 0-17 år', 'int'],
  beboere_18_64: ['Beboere 18-64 år', 'int'],
  beboere_65_plus: ['Beboere 65+ år', 'int'],
  uden_for_arbejde_pct: ['Uden for arbejde eller uddannelse, 18-64 år (pct.)', 'decimal'],
  doemte_pct: ['Dømte, 18+ år (pct.)', 'decimal'],
  kun_grundskole_pct: ['Kun grundskole, 30-59 år (pct.)', 'decimal'],
  indkomst_pct_af_region: ['Indkomst i pct. af regionen', 'decimal'],
  ikke_vestlige_pct: ['Ikke-vestlige indvandrere og efterkommere (pct.)', 'decimal'],
  fraflytning_pct: ['Fraflytning (pct.)', 'decimal'],
  ledige_boliger: ['Ledige boliger', 'int'],
  husordenssager: ['Husordenssager', 'int'],
  restancesager: ['Restancesager', 'int'],
  venteliste: ['Venteliste', 'int'],
};

export const noegletalExport: ExportSpec<NoegletalItem> = {
  name: 'noegletal',
  title: 'Nøgletal',
  columns: [
    { header: 'Enhed', type: 'text', value: (i) => (i.enhed === 'afdeling' ? 'Afdeling' : 'Boligområde') },
    { header: 'Navn', type: 'text', field: 'enhed_navn' },
    { header: 'År', type: 'int', field: 'aar' },
    ...Object.entries(keyFigureHeadings).map(([field, [header, type]]) => ({ header, type, field })),
    ...provenanceColumns<NoegletalItem>(),
  ],
};
