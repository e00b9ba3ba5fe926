// The browser tests' data: a small demo municipality (0999) with Danish names that test the sort order,
// enough afdelinger for two pages, key figures over three years (one afdeling small enough to be
// suppressed), two boligområder, the housing stock; and a few rows in Herlev (0163) to switch to.
import type { Db } from '../../src/db/index.ts';
import { afdeling, boligmasse, boligomraade, boligorganisation, importJob, noegletal } from '../factories.ts';

export const DEMO = '0999';
export const HERLEV = '0163';
export const KILDE = 'Demodata (genereret, ikke virkelige tal)';

/** In Danish order: Aa sorts as Å, after Ø. */
export const orgNames = ['Bakkehusene', 'Lyngby Almene Boliger', 'Zinkvej Bolig', 'Ærtebjerg Bolig', 'Østervang Boligselskab', 'Aakanten Boligforening'];

const afdNames = [
  'Engparken', 'Søparken', 'Hjortegården', 'Ågården', 'Birkehaven', 'Lindevangen', 'Kastanjegården', 'Tornehøj',
  'Møllebakken', 'Skovbrynet', 'Æblehaven', 'Østerbo', 'Rosenhaven', 'Fuglevænget', 'Kildegården', 'Bøgelunden',
  'Egeparken', 'Solsikken', 'Havebyen', 'Nørrevang', 'Vestergården', 'Præstemarken', 'Stationsbyen', 'Kløvermarken',
  'Grønnehave', 'Tårnhusene', 'Strandgården', 'Valmuevej', 'Pilegården', 'Småhusene',
];

export async function seed(db: Db): Promise<void> {
  await db.pool.query(
    `INSERT INTO kommune (kode, navn, region_kode, landsdel, demo) VALUES ($1, 'Eksempel Kommune', '1084', 'Københavns omegn', true)
     ON CONFLICT (kode) DO UPDATE SET demo = true`,
    [DEMO],
  );
  const job = await importJob(db, { kind: 'afdelinger', file_name: 'afdelinger-2024.csv', kilde: KILDE, opgjort_pr: '2024-01-01' });
  const prov = { kilde: KILDE, opgjort_pr: '2024-01-01', import_job_id: job.id };

  const orgs: Record<string, any>[] = [];
  for (const [i, navn] of orgNames.entries()) {
    orgs.push(await boligorganisation(db, { navn, lbf_nr: 101 + i, cvr: String(30000000 + i), kommunekode: DEMO, ...prov }));
  }
  const afd: Record<string, any>[] = [];
  for (const [i, navn] of afdNames.entries()) {
    const small = navn === 'Småhusene';
    afd.push(
      await afdeling(db, {
        boligorganisation_id: orgs[i % orgs.length].id,
        afdelingsnummer: i + 1,
        navn,
        adresser: `${navn}vej 1-${10 + i}`,
        kommunekode: DEMO,
        opfoerelsesaar: 1950 + ((i * 7) % 66),
        antal_familie: small ? 12 : 80 + ((i * 37) % 220),
        antal_ungdom: i % 5 === 0 ? 24 : 0,
        antal_aeldre: i % 4 === 0 ? 30 : 0,
        antal_pleje: i % 9 === 0 ? 20 : 0,
        bruttoareal_m2: small ? 950 : 7000 + i * 310,
        husleje_pr_m2: 850 + ((i * 23) % 300) + 0.5,
        ...prov,
      }),
    );
  }
  for (const a of afd) {
    const small = a.navn === 'Småhusene';
    for (const aar of [2021, 2022, 2023]) {
      const husstande = small ? 11 : Math.round(a.antal_familie * 0.95);
      const beboere = small ? 23 : Math.round(husstande * 2.1) + (aar - 2021) * 4;
      const unge = Math.round(beboere * 0.25);
      const aeldre = Math.round(beboere * 0.15);
      await noegletal(db, {
        afdeling_id: a.id,
        aar,
        beboere,
        husstande,
        beboere_0_17: unge,
        beboere_18_64: beboere - unge - aeldre,
        beboere_65_plus: aeldre,
        uden_for_arbejde_pct: 30 + (a.id % 12) + (aar - 2021) * 0.4,
        fraflytning_pct: 6.5 + (a.id % 4) * 0.5 - (aar - 2021) * 0.3,
        ikke_vestlige_pct: 10 + (a.id % 20),
        ledige_boliger: a.id % 3,
        venteliste: 300 + a.id * 11,
        kilde: KILDE,
        opgjort_pr: `${aar + 1}-01-01`,
        import_job_id: job.id,
      });
    }
  }
  const byName = (n: string) => afd.find((a) => a.navn === n)!.id;
  const omr1 = await boligomraade(db, {
    kode: 'BO-0999-01',
    navn: 'Engparken/Søparken',
    kommunekode: DEMO,
    afdeling_ids: [byName('Engparken'), byName('Søparken'), byName('Ågården')],
    ...prov,
  });
  const omr2 = await boligomraade(db, { kode: 'BO-0999-02', navn: 'Hjortegården', kommunekode: DEMO, afdeling_ids: [byName('Hjortegården')], ...prov });
  for (const [o, base] of [[omr1, 1900], [omr2, 700]] as const) {
    for (const aar of [2021, 2022, 2023]) {
      await noegletal(db, {
        boligomraade_id: o.id,
        aar,
        beboere: base + (aar - 2021) * 15,
        husstande: Math.round(base / 2.1),
        uden_for_arbejde_pct: 38.5 - (aar - 2021),
        kun_grundskole_pct: 55 - (aar - 2021) * 1.5,
        doemte_pct: 1.9,
        indkomst_pct_af_region: 61.3,
        ikke_vestlige_pct: 42,
        fraflytning_pct: 7.1,
        kilde: KILDE,
        opgjort_pr: `${aar + 1}-01-01`,
        import_job_id: job.id,
      });
    }
  }
  await boligmasse(db, { kommunekode: DEMO, aar: 2023, boliger_i_alt: 14000, kilde: 'Danmarks Statistik, BOL101 (demo)', opgjort_pr: '2023-01-01' });

  // Herlev: real municipality, no demo flag.
  const herlevOrg = await boligorganisation(db, { navn: 'Herlev Boligselskab', lbf_nr: 901, kommunekode: HERLEV, ...prov });
  for (const [i, navn] of ['Herlev Hovedgade', 'Kildegårdsparken'].entries()) {
    await afdeling(db, { boligorganisation_id: herlevOrg.id, afdelingsnummer: i + 1, navn, kommunekode: HERLEV, antal_familie: 150 + i * 50, ...prov });
  }
}
