// Column sets shared by the lists and the detail pages.
import type { Column } from '../components/DataTable.tsx';
import { Link } from '../router.tsx';
import type { Afdeling, Boligomraade, Boligorganisation } from '../types.ts';

export const organisationColumns: Column<Boligorganisation>[] = [
  { key: 'navn', header: 'Navn', sortable: true, rowHeader: true, render: (r) => <Link to={`/boligorganisationer/${r.id}`}>{r.navn}</Link> },
  { key: 'lbf_nr', header: 'LBF-nr.', sortable: true, kind: 'code' },
  { key: 'form', header: 'Form' },
  { key: 'administrationsorganisation', header: 'Administration', value: (r) => r.administrationsorganisation ?? '' },
  { key: 'antal_afdelinger', header: 'Afdelinger', sortable: true, kind: 'int' },
  { key: 'antal_boliger', header: 'Boliger', sortable: true, kind: 'int' },
];

export const afdelingColumns: Column<Afdeling>[] = [
  { key: 'navn', header: 'Afdeling', sortable: true, rowHeader: true, render: (r) => <Link to={`/afdelinger/${r.id}`}>{r.navn}</Link> },
  { key: 'afdelingsnummer', header: 'Nr.', sortable: true, kind: 'code' },
  {
    key: 'boligorganisation_navn',
    header: 'Boligorganisation',
    sortable: true,
    render: (r) => <Link to={`/boligorganisationer/${r.boligorganisation_id}`}>{r.boligorganisation_navn}</Link>,
  },
  { key: 'adresser', header: 'Adresser' },
  { key: 'opfoerelsesaar', header: 'Opført', sortable: true, kind: 'year' },
  { key: 'antal_boliger', header: 'Boliger', sortable: true, kind: 'int' },
  { key: 'husleje_pr_m2', header: 'Husleje pr. m² om året', sortable: true, kind: 'kr' },
];

export const omraadeColumns: Column<Boligomraade>[] = [
  { key: 'navn', header: 'Boligområde', sortable: true, rowHeader: true, render: (r) => <Link to={`/boligomraader/${r.id}`}>{r.navn}</Link> },
  { key: 'kode', header: 'Kode', sortable: true },
  { key: 'antal_afdelinger', header: 'Afdelinger', sortable: true, kind: 'int' },
  { key: 'beboere', header: 'Beboere', sortable: true, kind: 'int' },
  { key: 'beboere_aar', header: 'År', kind: 'year' },
];
