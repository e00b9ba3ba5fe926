// The import file formats: one declarative spec per kind drives parsing, validation, the
// downloadable templates and the format documentation. Column names are the template headers.

export type ColumnType =
  | { t: 'text'; max?: number }
  | { t: 'int'; min?: number; max?: number }
  | { t: 'decimal'; min?: number; max?: number; scale?: number }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'kommunekode' }
  | { t: 'cvr' }
  | { t: 'postnummer' };

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required: boolean;
  /** Danish description for the format documentation. */
  doc: string;
  example: string;
}

export interface FormatSpec {
  kind: ImportKind;
  /** Danish title. */
  title: string;
  doc: string;
  /** Columns that identify a row; a newer file updates rows with the same key. */
  naturalKey: string[];
  columns: ColumnSpec[];
}

// In load order: parents before children.
export const importKinds = [
  'boligorganisationer',
  'afdelinger',
  'boligomraader',
  'boligomraade_afdelinger',
  'boliger',
  'noegletal_afdeling',
  'noegletal_boligomraade',
  'boligmasse',
  'udlejninger',
] as const;
export type ImportKind = (typeof importKinds)[number];

const pct = (name: string, doc: string, example: string): ColumnSpec => ({
  name,
  type: { t: 'decimal', min: 0, max: 100, scale: 2 },
  required: false,
  doc,
  example,
});
const count = (name: string, doc: string, example: string, required = false): ColumnSpec => ({
  name,
  type: { t: 'int', min: 0 },
  required,
  doc,
  example,
});

const orgNr: ColumnSpec = {
  name: 'org_lbf_nr',
  type: { t: 'int', min: 1, max: 99999 },
  required: true,
  doc: 'Boligorganisationens nummer hos Landsbyggefonden.',
  example: '123',
};
const afdNr: ColumnSpec = {
  name: 'afdelingsnummer',
  type: { t: 'int', min: 0, max: 99999 },
  required: true,
  doc: 'Afdelingens nummer i boligorganisationen.',
  example: '4',
};
const kommunekode: ColumnSpec = {
  name: 'kommunekode',
  type: { t: 'kommunekode' },
  required: true,
  doc: 'Kommunekode med fire cifre, fx 0163 (et foranstillet nul må mangle).',
  example: '0163',
};
const aar: ColumnSpec = {
  name: 'aar',
  type: { t: 'int', min: 1990, max: 2100 },
  required: true,
  doc: 'Året tallene gælder for.',
  example: '2024',
};

export const organisationForms = [
  'almen boligorganisation',
  'selvejende almen boliginstitution',
  'kommunal',
  'regional',
] as const;

const keyFigureColumns: ColumnSpec[] = [
  count('beboere', 'Antal beboere pr. 1. januar.', '1243'),
  count('husstande', 'Antal husstande.', '612'),
  count('beboere_0_17', 'Beboere 0-17 år.', '310'),
  count('beboere_18_64', 'Beboere 18-64 år.', '780'),
  count('beboere_65_plus', 'Beboere 65 år og derover.', '153'),
  pct('uden_for_arbejde_pct', 'Andel af beboere 18-64 år uden for arbejdsmarkedet eller uddannelse (pct.).', '38,5'),
  pct('doemte_pct', 'Andel af beboere 18 år og derover dømt for overtrædelse af straffeloven m.v. (pct.).', '1,9'),
  pct('kun_grundskole_pct', 'Andel af beboere 30-59 år med alene grunduddannelse (pct.).', '55,0'),
  {
    name: 'indkomst_pct_af_region',
    type: { t: 'decimal', min: 0, max: 1000, scale: 2 },
    required: false,
    doc: 'Gennemsnitlig bruttoindkomst for beboere 15-64 år (ekskl. uddannelsessøgende) i pct. af regionens gennemsnit.',
    example: '61,3',
  },
  pct('ikke_vestlige_pct', 'Andel indvandrere og efterkommere fra ikke-vestlige lande (pct.).', '42,0'),
  pct('fraflytning_pct', 'Fraflytningsprocent for året.', '7,1'),
  count('ledige_boliger', 'Ledige boliger (udlejningsvanskeligheder) ved årets udgang.', '2'),
  count('husordenssager', 'Husordenssager i året.', '11'),
  count('restancesager', 'Restancesager i året.', '24'),
  count('venteliste', 'Antal på ventelisten ved årets udgang.', '1450'),
];

export const formats: Record<ImportKind, FormatSpec> = {
  boligorganisationer: {
    kind: 'boligorganisationer',
    title: 'Boligorganisationer',
    doc: 'Én række pr. boligorganisation. Nøgle: org_lbf_nr.',
    naturalKey: ['org_lbf_nr'],
    columns: [
      { ...orgNr, doc: 'Landsbyggefondens organisationsnummer.' },
      { name: 'cvr', type: { t: 'cvr' }, required: false, doc: 'CVR-nummer (8 cifre).', example: '12345678' },
      { name: 'navn', type: { t: 'text', max: 200 }, required: true, doc: 'Organisationens navn.', example: 'Boligselskabet Eksempel' },
      {
        name: 'form',
        type: { t: 'enum', values: organisationForms },
        required: true,
        doc: `Organisationsform: ${organisationForms.join(', ')}.`,
        example: 'almen boligorganisation',
      },
      {
        name: 'administrationsorganisation',
        type: { t: 'text', max: 200 },
        required: false,
        doc: 'Den organisation, der administrerer (hvis en anden).',
        example: 'Eksempel Administration',
      },
      { ...kommunekode, doc: 'Hjemkommunens kode (fire cifre).' },
    ],
  },
  afdelinger: {
    kind: 'afdelinger',
    title: 'Afdelinger',
    doc: 'Én række pr. afdeling. Nøgle: org_lbf_nr og afdelingsnummer. Organisationen skal findes i forvejen.',
    naturalKey: ['org_lbf_nr', 'afdelingsnummer'],
    columns: [
      orgNr,
      afdNr,
      { name: 'navn', type: { t: 'text', max: 200 }, required: true, doc: 'Afdelingens navn.', example: 'Engparken' },
      { name: 'adresser', type: { t: 'text', max: 2000 }, required: false, doc: 'Afdelingens adresser i fri tekst.', example: 'Engvej 1-37' },
      kommunekode,
      { name: 'opfoerelsesaar', type: { t: 'int', min: 1850, max: 2100 }, required: false, doc: 'Opførelsesår.', example: '1968' },
      count('antal_familie', 'Antal familieboliger.', '120', true),
      count('antal_ungdom', 'Antal ungdomsboliger.', '0', true),
      count('antal_aeldre', 'Antal ældreboliger.', '0', true),
      count('antal_pleje', 'Antal plejeboliger.', '0', true),
      { name: 'bruttoareal_m2', type: { t: 'decimal', min: 0, scale: 1 }, required: false, doc: 'Samlet boligareal i m².', example: '9120,5' },
      {
        name: 'husleje_pr_m2',
        type: { t: 'decimal', min: 0, max: 10000, scale: 2 },
        required: false,
        doc: 'Gennemsnitlig årlig husleje pr. m² i kr.',
        example: '1012,50',
      },
    ],
  },
  boligomraader: {
    kind: 'boligomraader',
    title: 'Boligområder',
    doc: 'Boligområder efter ABL § 61 a, stk. 3. Nøgle: kode.',
    naturalKey: ['kode'],
    columns: [
      { name: 'kode', type: { t: 'text', max: 40 }, required: true, doc: 'Områdets kode.', example: 'BO-0163-01' },
      { name: 'navn', type: { t: 'text', max: 200 }, required: true, doc: 'Områdets navn.', example: 'Engparken/Søparken' },
      kommunekode,
    ],
  },
  boligomraade_afdelinger: {
    kind: 'boligomraade_afdelinger',
    title: 'Afdelinger i boligområder',
    doc: 'Hvilke afdelinger et boligområde består af. Én række pr. afdeling. Filen erstatter afgrænsningen for de områder, den nævner.',
    naturalKey: ['boligomraade_kode', 'org_lbf_nr', 'afdelingsnummer'],
    columns: [
      { name: 'boligomraade_kode', type: { t: 'text', max: 40 }, required: true, doc: 'Boligområdets kode.', example: 'BO-0163-01' },
      orgNr,
      afdNr,
    ],
  },
  boliger: {
    kind: 'boliger',
    title: 'Boliger',
    doc: 'Én række pr. bolig (lejemål). Nøgle: org_lbf_nr, afdelingsnummer og lejemaalsnummer.',
    naturalKey: ['org_lbf_nr', 'afdelingsnummer', 'lejemaalsnummer'],
    columns: [
      orgNr,
      afdNr,
      { name: 'lejemaalsnummer', type: { t: 'int', min: 1, max: 9999999 }, required: true, doc: 'Lejemålets nummer i afdelingen.', example: '1' },
      { name: 'adresse', type: { t: 'text', max: 300 }, required: true, doc: 'Boligens adresse.', example: 'Engvej 1, 1. th.' },
      { name: 'postnummer', type: { t: 'postnummer' }, required: true, doc: 'Postnummer (fire cifre).', example: '2730' },
      {
        name: 'boligtype',
        type: { t: 'enum', values: ['familie', 'ungdom', 'aeldre', 'pleje'] },
        required: true,
        doc: 'familie, ungdom, aeldre eller pleje.',
        example: 'familie',
      },
      { name: 'vaerelser', type: { t: 'int', min: 1, max: 20 }, required: true, doc: 'Antal værelser.', example: '3' },
      { name: 'areal_m2', type: { t: 'decimal', min: 1, max: 1000, scale: 1 }, required: true, doc: 'Boligareal i m².', example: '78,5' },
      {
        name: 'husleje_maaned',
        type: { t: 'decimal', min: 0, max: 100000, scale: 2 },
        required: true,
        doc: 'Månedlig husleje i kr.',
        example: '6520,00',
      },
      {
        name: 'status',
        type: { t: 'enum', values: ['udlejet', 'ledig', 'under_renovering', 'nedlagt'] },
        required: true,
        doc: 'udlejet, ledig, under_renovering eller nedlagt.',
        example: 'udlejet',
      },
    ],
  },
  noegletal_afdeling: {
    kind: 'noegletal_afdeling',
    title: 'Nøgletal pr. afdeling',
    doc: 'Nøgletal pr. afdeling pr. år. Nøgle: org_lbf_nr, afdelingsnummer og aar. Tomme felter betyder "ikke oplyst".',
    naturalKey: ['org_lbf_nr', 'afdelingsnummer', 'aar'],
    columns: [orgNr, afdNr, aar, ...keyFigureColumns],
  },
  noegletal_boligomraade: {
    kind: 'noegletal_boligomraade',
    title: 'Nøgletal pr. boligområde',
    doc: 'Nøgletal pr. boligområde pr. år. Nøgle: boligomraade_kode og aar.',
    naturalKey: ['boligomraade_kode', 'aar'],
    columns: [
      { name: 'boligomraade_kode', type: { t: 'text', max: 40 }, required: true, doc: 'Boligområdets kode.', example: 'BO-0163-01' },
      aar,
      ...keyFigureColumns,
    ],
  },
  boligmasse: {
    kind: 'boligmasse',
    title: 'Boligmasse i kommunen',
    doc: 'Alle boliger i kommunen (alle ejerformer), til beregning af den almene andel. Nøgle: kommunekode og aar.',
    naturalKey: ['kommunekode', 'aar'],
    columns: [kommunekode, aar, count('boliger_i_alt', 'Antal boliger i alt i kommunen.', '13500', true)],
  },
  udlejninger: {
    kind: 'udlejninger',
    title: 'Udlejninger pr. afdeling',
    doc: 'Genudlejning af familieboliger pr. afdeling pr. år fordelt på kanal (til udlejningsaftalens kvoteregnskab). Nøgle: org_lbf_nr, afdelingsnummer og aar.',
    naturalKey: ['org_lbf_nr', 'afdelingsnummer', 'aar'],
    columns: [
      orgNr,
      afdNr,
      aar,
      count('ledige_familieboliger', 'Familieboliger, der blev ledige (til genudlejning) i året.', '14', true),
      count('venteliste', 'Udlejet fra ventelisten (almindelig og intern venteliste uden for afdelingen).', '6', true),
      count('fleksibel_udlejning', 'Udlejet efter kriterier for fleksibel udlejning (§ 60).', '3', true),
      count('kommunal_anvisning', 'Anvist af kommunen (§ 59).', '3', true),
      count('intern_oprykning', 'Udlejet til beboere i samme afdeling (intern oprykning/bytte).', '1', true),
      count('andet', 'Øvrige udlejninger (fx genhusning, bytte mellem afdelinger).', '1', true),
    ],
  },
};

export const keyFigureNames = keyFigureColumns.map((c) => c.name);
