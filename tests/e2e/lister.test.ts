// Områdelister (issue 4): the overview with provenance, counts and the early warning; an area's page with its
// timeline, warning and explanation (citing § 61 a) and the explanation as PDF; the ministry's published list
// uploaded and its differences with reasons; a rejected file with row errors that changes nothing; the
// roles' controls; axe-core on both pages.
//
// This file starts its own app with the generated demo municipality (src/demo-startup.ts loadDemo: four
// boligområder with stories and lists computed from the register for 2022-2024), because the shared app's
// 0999 (seed.ts) has no area-list figures, and because an uploaded published list replaces the list years of
// every municipality the uploader may write to: here that is only the demo's 0999, in this file's own database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, loadDemo } from '../../src/demo-startup.ts';
import { parseKeyring } from '../../src/shared/crypto.ts';
import { TEST_KEYS } from '../app.ts';
import { expectNoAxeViolations, launchBrowser, openPage, settled, signIn, startApp, type Browser, type RunningApp } from './harness.ts';

const DEMO = '0999';
const as = (username: string) => ({ username, password: DEMO_PASSWORD });

let app: RunningApp;
let kontor: Browser; // the demo's boligkontor user: reads and writes lists in 0999
let reader: Browser; // the demo's læser: reads only
beforeAll(async () => {
  app = await startApp((db) => loadDemo(db, parseKeyring(TEST_KEYS)));
  kontor = await launchBrowser();
  await signIn(kontor, app, as('boligkontor'));
  reader = await launchBrowser();
  await signIn(reader, app, as('laeser'));
});
afterAll(async () => {
  await kontor?.close();
  await reader?.close();
  await app?.close();
});

async function oversigt(browser: Browser) {
  const res = await browser.context.request.get(`${app.url}/api/lister/oversigt?kommunekode=${DEMO}`);
  expect(res.status()).toBe(200);
  return res.json();
}

async function openOverview(page: Page) {
  await page.goto(`${app.url}/omraadelister?kommune=${DEMO}`);
  await page.getByRole('heading', { level: 1, name: 'Områdelister' }).waitFor();
  await page.getByRole('region', { name: 'Beregningen' }).waitFor();
  await settled(page);
}

const published = [
  'listeaar;omraade_kode;omraade_navn;kommunekode;kategori',
  '2024;BO-0999-01;Krokushøj/Kastanjely;0999;udsat',
  '2024;BO-0999-01;Krokushøj/Kastanjely;0999;parallelsamfund',
  '2024;BO-0999-01;Krokushøj/Kastanjely;0999;forebyggelsesomraade',
  '2024;BO-0999-02;Møllevænget/Birkeparken;0999;forebyggelsesomraade',
].join('\r\n'); // Anemonetoften/Agerhøj (computed: forebyggelsesområde) is left out: one difference

const rejected = [
  'listeaar;omraade_kode;omraade_navn;kommunekode;kategori',
  '2024;BO-0999-03;Skovhaven/Rosely;0999;udsat',
  '2024;BO-0999-01;Krokushøj/Kastanjely;0999;ghettoområde-x',
  '20x4;BO-0999-02;Møllevænget/Birkeparken;0999;udsat',
].join('\r\n');

async function upload(page: Page, form: string, name: string, csv: string, kilde?: string) {
  const section = page.getByRole('region', { name: form });
  await section.getByLabel('Fil (CSV)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  if (kilde !== undefined) await section.getByLabel('Kilde', { exact: true }).fill(kilde);
  return section;
}

describe('Områdelister', () => {
  it('the overview shows the computation, the counts per list year and category, and the early warning first for areas at risk', async () => {
    const { page, finish } = await openPage(kontor);
    await openOverview(page);
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Områdelister' }).waitFor();
    expect(await page.getByRole('main').innerText()).toContain('Det er ministeriets offentliggjorte liste, der er gældende.');

    const beregning = await page.getByRole('region', { name: 'Beregningen' }).innerText();
    expect(beregning).toMatch(/Beregnet ud fra\s+Registrets nøgletal/);
    expect(beregning).toMatch(/Listeår\s+2022–2024/);
    expect(beregning).toMatch(/Reglernes fingeraftryk\s+[0-9a-f]{16}/);

    // Counts: a chart and its table (categories as rows, list years as columns).
    await page.getByRole('img', { name: /Søjlediagram: Antal områder pr\. kategori og listeår/ }).waitFor();
    const counts = page.getByRole('table', { name: 'Antal områder pr. kategori og listeår' });
    expect(await counts.getByRole('columnheader').allInnerTexts()).toEqual(['Kategori', '2022', '2023', '2024']);
    expect(await counts.getByRole('row', { name: /^Udsat boligområde/ }).innerText()).toMatch(/^Udsat boligområde\s+1\s+1\s+1$/);
    expect(await counts.getByRole('row', { name: /^Forebyggelsesområde/ }).innerText()).toMatch(/^Forebyggelsesområde\s+2\s+3\s+3$/);
    // The what-if without the ethnic criterion.
    const toggle = page.getByRole('switch', { name: /Uden det etniske kriterium/ });
    await toggle.click();
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await page.getByRole('table', { name: 'Antal områder pr. kategori – uden det etniske kriterium (hvad-hvis)' }).waitFor();
    await toggle.click();

    // Early warning: the areas at risk first, each category's status in words and its reason.
    const warning = page.getByRole('region', { name: 'Tidlig varsling for listen 1. december 2025' });
    const rows = warning.getByRole('table').locator('tbody tr');
    const first = await rows.first().innerText();
    expect(first).toMatch(/Risiko for at komme (på|af) listen/);
    const krokus = warning.getByRole('row').filter({ hasText: 'Krokushøj/Kastanjely' }).filter({ hasText: 'Parallelsamfund' });
    expect(await krokus.innerText()).toMatch(/Risiko for at komme af listen\s+§ 61 a, stk\. 2 \(parallelsamfund\)/);
    expect(await warning.innerText()).toContain('Forbliver uden for alle lister efter fremskrivningen: Skovhaven/Rosely.');
    // The last rows are areas without risk (forbliver på listen).
    const o = await oversigt(kontor);
    const atRisk = o.omraader.filter((a: { varsel: { risiko: boolean } | null }) => a.varsel?.risiko).map((a: { navn: string }) => a.navn);
    expect(atRisk.length).toBeGreaterThan(0);
    expect(atRisk.some((n: string) => first.startsWith(n))).toBe(true);

    // The areas by list year, with the letters explained for screen readers.
    const areas = page.getByRole('table', { name: 'Kategorier pr. område og listeår' });
    const krokusRow = areas.getByRole('row', { name: /Krokushøj\/Kastanjely/ });
    const cell2024 = (await krokusRow.getByRole('cell').nth(2).textContent()) ?? '';
    for (const name of ['Udsat boligområde', 'Parallelsamfund', 'Forebyggelsesområde']) expect(cell2024).toContain(name);
    expect(cell2024).not.toContain('Omdannelsesområde');
    await expectNoAxeViolations(page, 'Områdelister');

    // Exports of the results follow the choices on screen.
    const section = page.getByRole('region', { name: 'Områderne pr. listeår' });
    await section.getByLabel('Listeår').selectOption('2024');
    await section.getByLabel('Uden det etniske kriterium (hvad-hvis)').check();
    const pdf = section.getByRole('link', { name: /^Eksportér PDF\s*: områdelisterne$/ });
    expect(await pdf.getAttribute('href')).toBe(`/api/lister/resultater?kommunekode=${DEMO}&listeaar=2024&uden_etnisk=1&format=pdf`);
    const csv = await kontor.context.request.get(app.url + (await section.getByRole('link', { name: /^Eksportér CSV\s*: områdelisterne$/ }).getAttribute('href'))!);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect((await csv.text()).replace(/^\ufeff/, '')).toMatch(/^Listeår;Områdekode;Område;Kategorier/);
    await finish();
  });

  it('"Beregn fra registret" shows that it works and the answer, and keeps the page', async () => {
    const { page, finish } = await openPage(kontor);
    await openOverview(page);
    const before = (await oversigt(kontor)).beregning.id;
    await page.route('**/api/lister/beregn', async (route) => {
      await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Beregn fra registret' }).click();
    await page.getByRole('button', { name: 'Beregner …' }).waitFor();
    expect(await page.getByRole('button', { name: 'Beregner …' }).isDisabled()).toBe(true);
    const done = page.getByRole('heading', { name: 'Listerne er beregnet' });
    await done.waitFor();
    await page.unroute('**/api/lister/beregn');
    expect(await page.getByRole('region', { name: 'Beregningen' }).innerText()).toMatch(/Beregnet \d+ resultater for listeårene 2022-2024\./);
    expect((await oversigt(kontor)).beregning.id).toBeGreaterThan(before);
    await expectNoAxeViolations(page, 'Områdelister efter beregning');
    await finish();
  });

  it('an area: its timeline, the early warning criterion by criterion, and the explanation citing § 61 a; the explanation as PDF and Excel', async () => {
    const { page, finish } = await openPage(kontor);
    await openOverview(page);
    await page.getByRole('table', { name: 'Kategorier pr. område og listeår' }).getByRole('link', { name: 'Krokushøj/Kastanjely' }).click();
    await page.getByRole('heading', { level: 1, name: 'Krokushøj/Kastanjely' }).waitFor();
    await settled(page);
    expect(await page.getByRole('navigation', { name: 'Brødkrumme' }).innerText()).toMatch(/Oversigt\s*Områdelister\s*Krokushøj\/Kastanjely/);

    // Timeline: the picture and its table, the projection for 2025 last.
    const timeline = page.getByRole('region', { name: 'Tidslinje' });
    await timeline.getByRole('img', { name: /^Tidslinje over områdets kategorier: 2022: udsat boligområde, parallelsamfund og forebyggelsesområde/ }).waitFor();
    const table = timeline.getByRole('table', { name: 'Kategorier pr. listeår' });
    expect(await table.getByRole('row', { name: /^2024/ }).innerText()).toMatch(/^2024\s+Udsat boligområde, parallelsamfund og forebyggelsesområde\s+ikke indlæst/);
    expect(await table.getByRole('row', { name: /prognose/ }).innerText()).toMatch(/^2025 \(prognose\)\s+Udsat boligområde og forebyggelsesområde/);

    // Early warning: status per category, and per criterion the values, threshold, margin, what would change it and persons.
    const warning = page.getByRole('region', { name: 'Tidlig varsling for listen 1. december 2025' });
    const cat = warning.getByRole('table', { name: 'Status pr. kategori for listen 2025' });
    expect(await cat.getByRole('row', { name: /^Parallelsamfund/ }).innerText()).toMatch(/Ja\s+Nej\s+Risiko for at komme af listen/);
    const udsat = warning.getByRole('table', { name: 'Udsat boligområde (§ 61 a, stk. 1)' });
    expect(await udsat.getByRole('columnheader').allInnerTexts()).toEqual([
      'Kriterium',
      'Nu (2024)',
      'Prognose (2025)',
      'Krav',
      'Afstand til grænsen',
      'Opfyldt i prognosen',
      'Hvad der skal til',
      'Personer',
    ]);
    const nr1 = await udsat.getByRole('row', { name: /§ 61 a, stk\. 1, nr\. 1/ }).innerText();
    expect(nr1).toMatch(/41,05\s%\s+40,1\s%\s+over 40\s%\s+\+0,1\spoint\s+Nær grænsen\s+Ja\s+§ 61 a, stk\. 1, nr\. 1 \(uden for arbejde og uddannelse\): for at kriteriet ikke længere er opfyldt/);
    expect(nr1).toMatch(/\s3$/);

    // The explanation of the newest list year, every sentence citing its paragraph, and the criteria.
    const expl = page.getByRole('region', { name: 'Begrundelse pr. listeår' });
    await expl.getByRole('heading', { name: 'Listen 1. december 2024: udsat boligområde, parallelsamfund og forebyggelsesområde' }).waitFor();
    const sentences = await expl.locator('ol.forklaring > li').allInnerTexts();
    expect(sentences.length).toBeGreaterThan(5);
    expect(sentences.every((s) => s.startsWith('§ 61'))).toBe(true);
    expect(sentences).toContain('§ 61 a, stk. 1: 3 af 4 kriterier er opfyldt (mindst 2 kræves): udsat boligområde.');
    const crit = expl.getByRole('table', { name: 'Kriterier for listen 1. december 2024' });
    expect(await crit.getByRole('row', { name: /§ 61 a, stk\. 1, nr\. 4/ }).innerText()).toMatch(/55,2\s%\s+under 55\s%\s+55\s%\s+−0,2\spoint\s+Nej$/);
    await expl.getByText('Lovparametre brugt (15)').click();
    const params = expl.getByRole('table', { name: 'Lovparametre for listen 2024' });
    expect(await params.getByRole('row', { name: /udsat_udenfor_pct_overstiger/ }).innerText()).toMatch(/40\s+1\. december 2018\s+§ 61 a, stk\. 1, nr\. 1\s+Kontrolleret mod lovteksten/);
    expect(await expl.innerText()).toContain('Uden det etniske kriterium (hvad-hvis)');
    await expectNoAxeViolations(page, 'et område på listerne');

    // Another list year.
    await expl.getByLabel('Listeår').selectOption({ label: '1. december 2022' });
    await expl.getByRole('heading', { name: /^Listen 1\. december 2022:/ }).waitFor();
    expect(page.url()).toContain('listeaar=2022');

    // The explanation as a document.
    const pdfHref = await expl.getByRole('link', { name: 'Hent begrundelsen for 2022 (PDF)' }).getAttribute('href');
    expect(pdfHref).toBe(`/api/lister/omraader/BO-0999-01/forklaring?kommunekode=${DEMO}&listeaar=2022&format=pdf`);
    const pdf = await kontor.context.request.get(app.url + pdfHref);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const xlsx = await kontor.context.request.get(app.url + (await expl.getByRole('link', { name: 'Excel', exact: true }).getAttribute('href')));
    expect(xlsx.headers()['content-type']).toMatch(/spreadsheetml/);
    expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    await finish();
  });

  it('uploading the published list shows each difference with its reason, in the overview and on the area', async () => {
    const { page, finish } = await openPage(kontor);
    await openOverview(page);
    const diff = page.getByRole('region', { name: 'Afvigelser fra de offentliggjorte lister' });
    expect(await diff.innerText()).toContain('Der er ikke indlæst en offentliggjort liste fra ministeriet endnu');
    const form = await upload(page, 'Indlæs ministeriets offentliggjorte liste', 'lister-2024.csv', published, 'Social- og Boligministeriet, lister pr. 1. december 2024 (test)');
    await form.getByRole('button', { name: 'Indlæs listen' }).click();
    await form.getByRole('heading', { name: 'Filen er indlæst' }).waitFor();
    expect(await form.innerText()).toContain('Indlæst 4 placeringer for listeårene 2024.');

    const table = diff.getByRole('table', { name: 'Én afvigelse, nyeste listeår først' });
    await table.waitFor();
    const row = await table.getByRole('row', { name: /Anemonetoften\/Agerhøj/ }).innerText();
    expect(row).toMatch(/^2024\s+Anemonetoften\/Agerhøj/);
    expect(row).toContain('Beregnet: forebyggelsesområde; offentliggjort: ingen.');
    expect(row).toMatch(/ligger kun [\d,]+ (beboere|point) fra grænsen/);
    expect(await diff.innerText()).toContain('Indlæste offentliggjorte lister: 2024 (Social- og Boligministeriet, lister pr. 1. december 2024 (test), indlæst ');
    expect(await diff.getByRole('link', { name: /^Eksportér Excel\s*: afvigelserne$/ }).getAttribute('href')).toBe(`/api/lister/afvigelser?kommunekode=${DEMO}&format=xlsx`);

    // The areas table marks where the published list differs, and where it agrees.
    const areas = page.getByRole('table', { name: 'Kategorier pr. område og listeår' });
    expect(await areas.getByRole('row', { name: /Anemonetoften\/Agerhøj/ }).innerText()).toMatch(/Afviger\. Offentliggjort:\s+–/);
    expect(await areas.getByRole('row', { name: /Krokushøj\/Kastanjely/ }).innerText()).toContain('Som offentliggjort');
    await expectNoAxeViolations(page, 'Områdelister med afvigelser');

    // The area's timeline shows the published list and the difference.
    await page.getByRole('table', { name: 'Én afvigelse, nyeste listeår først' }).getByRole('link', { name: 'Anemonetoften/Agerhøj' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anemonetoften/Agerhøj' }).waitFor();
    await settled(page);
    const timeline = page.getByRole('table', { name: 'Kategorier pr. listeår' });
    expect(await timeline.getByRole('row', { name: /^2024/ }).innerText()).toMatch(/^2024\s+Forebyggelsesområde\s+Ingen kategori\s+Ja/);
    expect(await page.getByRole('region', { name: 'Tidslinje' }).innerText()).toContain('Beregning og offentliggjort liste afviger');
    await expectNoAxeViolations(page, 'et område, der afviger fra den offentliggjorte liste');
    await finish();
  });

  it('a rejected file shows its row errors (line, column, message) and changes nothing', async () => {
    const { page, allowConsoleError, finish } = await openPage(kontor);
    allowConsoleError(/status of 422/); // Chromium notes every 4xx answer; 422 is the contract for a rejected file
    const before = await oversigt(kontor);
    await openOverview(page);
    const form = await upload(page, 'Indlæs ministeriets offentliggjorte liste', 'lister-med-fejl.csv', rejected, 'Test');
    await form.getByRole('button', { name: 'Indlæs listen' }).click();
    await form.getByRole('heading', { name: 'Filen blev afvist – intet er gemt' }).waitFor();
    expect(await form.innerText()).toContain('Filen er afvist med 2 fejl; intet er indlæst.');
    const report = form.getByRole('table', { name: 'Fejl i lister-med-fejl.csv' });
    expect(await report.getByRole('columnheader').allInnerTexts()).toEqual(['Linje', 'Kolonne', 'Fejl']);
    expect(await report.getByRole('row').filter({ hasText: 'kategori' }).innerText()).toMatch(/^3\s+kategori\s+Linje 3, kolonne kategori: "ghettoområde-x" er ikke en kategori/);
    expect(await report.getByRole('row').filter({ hasText: 'listeaar' }).innerText()).toMatch(/^4\s+listeaar\s+/);
    await form.getByRole('heading', { name: 'Fejlrapport: 2 fejl' }).waitFor();
    await expectNoAxeViolations(page, 'afvist fil på Områdelister');

    // An indicator file with an error is rejected the same way, and computes nothing.
    const ind = await upload(page, 'Indikatorfil', 'indikatorer.csv', 'listeaar;omraade_kode\n2024;BO-X\n');
    await ind.getByRole('button', { name: 'Beregn fra filen' }).click();
    await ind.getByRole('heading', { name: 'Filen blev afvist – intet er gemt' }).waitFor();
    expect(await ind.getByRole('table', { name: 'Fejl i indikatorer.csv' }).innerText()).toContain('kolonne(r) mangler');
    await expectNoAxeViolations(page, 'to afviste filer på Områdelister');

    const after = await oversigt(kontor);
    expect(after.offentliggjort_aar).toEqual(before.offentliggjort_aar);
    expect(after.afvigelser).toEqual(before.afvigelser);
    expect(after.beregning.id).toBe(before.beregning.id);
    await finish();
  });

  it('a reader sees the lists without the controls, a boligorganisation not at all; an administrator edits a national average', async () => {
    const { page, finish } = await openPage(reader);
    await openOverview(page);
    await page.getByRole('region', { name: 'Tidlig varsling for listen 1. december 2025' }).waitFor();
    expect(await page.getByRole('button', { name: 'Beregn fra registret' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Indlæs ministeriets offentliggjorte liste' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Beregn fra en indikatorfil' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Landsgennemsnit for dømte' }).getByRole('button').count()).toBe(0);
    await expectNoAxeViolations(page, 'Områdelister for en læser');
    await finish();

    // A boligorganisation's user has no lists in the menu, and the page says so.
    const org = await launchBrowser();
    try {
      await signIn(org, app, as('organisation'));
      const { page, allowConsoleError, finish } = await openPage(org);
      allowConsoleError(/status of 403/); // the overview the start page asks for is refused
      await page.goto(`${app.url}/omraadelister?kommune=${DEMO}`);
      await page.getByRole('heading', { level: 1, name: 'Du har ikke adgang til områdelisterne' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Områdelister' }).count()).toBe(0);
      await finish();
    } finally {
      await org.close();
    }

    const admin = await launchBrowser();
    try {
      await signIn(admin, app, as('admin'));
      const { page, finish } = await openPage(admin);
      await openOverview(page);
      const avg = page.getByRole('region', { name: 'Landsgennemsnit for dømte' });
      expect(await avg.getByRole('row', { name: /^2024/ }).innerText()).toMatch(/^2024\s+0,715\s%/);
      await avg.getByRole('button', { name: 'Ret 2024' }).click();
      await avg.getByLabel('Andel dømte i procent').fill('0,7161');
      await avg.getByLabel('Kilde', { exact: true }).fill('Social- og Boligministeriet (test)');
      await expectNoAxeViolations(page, 'rettelse af et landsgennemsnit');
      await avg.getByRole('button', { name: 'Gem' }).click();
      await avg.getByRole('heading', { name: 'Landsgennemsnittet er gemt' }).waitFor();
      await expect.poll(() => avg.getByRole('row', { name: /^2024/ }).innerText()).toMatch(/^2024\s+0,7161\s%\s+Social- og Boligministeriet \(test\)/);
      await finish();
    } finally {
      await admin.close();
    }
  });

  it('a municipality without lists explains itself and offers the computation; its refusal is shown in Danish', async () => {
    const other = await launchBrowser();
    try {
      await signIn(other, app); // administrator in every municipality
      const { page, allowConsoleError, finish } = await openPage(other);
      allowConsoleError(/status of 400/);
      await page.goto(`${app.url}/omraadelister?kommune=0101`);
      await page.getByRole('heading', { name: 'Der er ikke beregnet lister for København endnu' }).waitFor();
      await expectNoAxeViolations(page, 'Områdelister uden beregning');
      await page.getByRole('button', { name: 'Beregn fra registret' }).click();
      await page.getByRole('heading', { name: 'Listerne kunne ikke beregnes' }).waitFor();
      expect(await page.getByRole('main').innerText()).toContain('Intet at beregne: Kommunen har ingen boligområder i registret.');
      await page.goto(`${app.url}/omraadelister/omraader/BO-FINDES-IKKE?kommune=0101`);
      allowConsoleError(/status of 404/);
      await page.getByRole('heading', { level: 1, name: 'Området findes ikke på listerne' }).waitFor();
      await finish();
    } finally {
      await other.close();
    }
  });
});
