// Import: formats, templates and documentation; a file with errors gives the report (linje, kolonne, fejl,
// værdi) and writes nothing; a valid file is imported and shows in the history and the lists.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, expectNoAxeViolations, openPage, startAll, type Browser, type SharedApp } from './harness.ts';

let app: SharedApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await startAll();
});
afterAll(async () => {
  await browser?.close();
});

const header = 'org_lbf_nr;cvr;navn;form;administrationsorganisation;kommunekode';
const validCsv = [header, '501;31000001;Frederiksberg Boligfond;almen boligorganisation;;0147', '502;;Ågade Bolig;selvejende almen boliginstitution;Frederiksberg Boligfond;147'].join('\r\n') + '\r\n';
const badCsv = [header, '601;31000002;God Bolig;almen boligorganisation;;0147', '602;1234;Dårlig Bolig;almen boligorganisation;;0147', '603;;;almen boligorganisation;;0147'].join('\r\n') + '\r\n';

async function choose(page: Page, kind: string, name: string, csv: string) {
  await page.getByLabel('Filtype').selectOption({ label: kind });
  await page.getByLabel('Fil (CSV eller Excel)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
}

async function downloadOf(page: Page, click: () => Promise<unknown>): Promise<{ url: string; text: string; name: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return { url: dl.url(), text: readFileSync(await dl.path()).toString('utf8'), name: dl.suggestedFilename() };
}

describe('Import', () => {
  it('lists the formats with templates (CSV and Excel) and their documentation', async () => {
    const { page, finish } = await openPage(browser);
    await page.goto(app.url + '/import?kommune=0999');
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Skabeloner og formater' }).waitFor();
    await expectNoAxeViolations(page, 'Import');

    const csv = await downloadOf(page, () => page.getByRole('link', { name: 'CSV-skabelon for Afdelinger', exact: true }).click());
    expect(new URL(csv.url).pathname).toBe('/api/import-formats/afdelinger/template.csv');
    expect(csv.text.replace(/^\ufeff/, '').split(/\r?\n/)[0]).toMatch(/^org_lbf_nr;afdelingsnummer;navn;/);
    const xlsxLink = page.getByRole('link', { name: 'Excel-skabelon for Afdelinger', exact: true });
    expect(await xlsxLink.getAttribute('href')).toBe('/api/import-formats/afdelinger/template.xlsx');
    const xlsx = await browser.context.request.get(app.url + '/api/import-formats/afdelinger/template.xlsx');
    expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');

    await page.getByText('Formatbeskrivelse: Afdelinger', { exact: true }).click();
    const doc = page.getByRole('table', { name: 'Kolonner i Afdelinger' });
    await doc.getByRole('rowheader', { name: 'husleje_pr_m2' }).waitFor();
    expect(await doc.getByRole('row', { name: /^kommunekode/ }).innerText()).toContain('Ja');
    await expectNoAxeViolations(page, 'Import med åben formatbeskrivelse');
    await finish();
  });

  it('asks for what is missing before sending anything', async () => {
    const { page, finish } = await openPage(browser);
    await page.goto(app.url + '/import?kommune=0999');
    await page.getByRole('button', { name: 'Importér' }).click();
    await page.getByText('Vælg hvilken slags fil du importerer.').waitFor();
    expect(await page.getByLabel('Filtype').evaluate((e) => e === document.activeElement)).toBe(true);
    await page.getByLabel('Filtype').selectOption({ label: 'Boligorganisationer' });
    await page.getByRole('button', { name: 'Importér' }).click();
    await page.getByText('Vælg en fil.').waitFor();
    await expectNoAxeViolations(page, 'Import med fejl i formularen');
    await finish();
  });

  it('previews and rejects a file with errors, reporting line, column, message and value; nothing is written', async () => {
    const { page, allowConsoleError, finish } = await openPage(browser);
    allowConsoleError(/status of 422/); // Chromium notes every 4xx answer; 422 is the contract for a rejected file
    await page.goto(app.url + '/import?kommune=0999');
    await choose(page, 'Boligorganisationer', 'organisationer-med-fejl.csv', badCsv);

    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    await page.getByRole('heading', { name: 'Forhåndsvisning: filen har fejl' }).waitFor();
    const preview = page.getByRole('table', { name: /De første \d+ rækker af organisationer-med-fejl\.csv/ });
    await preview.getByRole('cell', { name: 'God Bolig' }).waitFor();
    await expectNoAxeViolations(page, 'forhåndsvisning med fejl');

    await page.getByRole('button', { name: 'Importér' }).click();
    await page.getByRole('heading', { name: 'Filen blev afvist – intet er gemt' }).waitFor();
    const report = page.getByRole('table', { name: 'Fejl i organisationer-med-fejl.csv' });
    expect(await report.getByRole('columnheader').allInnerTexts()).toEqual(['Linje', 'Kolonne', 'Fejl', 'Værdi']);
    const cvr = report.getByRole('row').filter({ hasText: 'cvr' });
    expect(await cvr.innerText()).toMatch(/^3\s+cvr\s+.+\s+1234$/);
    const navn = report.getByRole('row').filter({ hasText: 'navn' });
    expect(await navn.innerText()).toMatch(/^4\s+navn\s+/);
    await expectNoAxeViolations(page, 'afvist import');

    const csv = await downloadOf(page, () => page.getByRole('button', { name: 'Eksportér fejlrapport (CSV)' }).click());
    expect(csv.name).toBe('fejl-organisationer-med-fejl.csv');
    const lines = csv.text.replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('Linje;Kolonne;Fejl;Værdi');
    expect(lines.some((l) => l.startsWith('3;cvr;') && l.endsWith(';1234'))).toBe(true);

    const orgs = await apiGet(browser, app, 'boligorganisationer?kommunekode=0147');
    expect(orgs.total).toBe(0);
    await finish();
  });

  it('imports a valid file with progress, a summary, the history, and the rows in the list', async () => {
    const { page, finish } = await openPage(browser);
    await page.goto(app.url + '/import?kommune=0999');
    await choose(page, 'Boligorganisationer', 'organisationer.csv', validCsv);
    await page.getByLabel(/^Kilde/).fill('Landsbyggefonden, test');
    await page.getByLabel(/^Opgjort pr\./).fill('2024-12-01');
    // Hold the answer back a moment so the progress is seen.
    await page.route('**/api/imports', async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Importér' }).click();
    await page.getByRole('progressbar').waitFor();
    await page.getByRole('heading', { name: 'Importen er gennemført' }).waitFor();
    await page.unroute('**/api/imports');
    const summary = page.locator('.import-result');
    expect(await summary.innerText()).toMatch(/Rækker i filen\s+2\s+Nye\s+2\s+Opdaterede\s+0\s+Uændrede\s+0/);
    await expectNoAxeViolations(page, 'gennemført import');

    // The same file again changes nothing.
    await page.getByRole('button', { name: 'Importér' }).click();
    await page.getByRole('heading', { name: /Filen er allerede importeret|Importen er gennemført/ }).waitFor();
    expect(await summary.innerText()).toMatch(/Nye\s+0/);

    // The history shows the job; its page shows provenance and the date the Danish way.
    const history = page.getByRole('region', { name: 'Importhistorik' });
    const row = history.getByRole('row').filter({ hasText: 'organisationer.csv' }).filter({ hasText: 'Gennemført' }).first();
    await row.waitFor();
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /^Import nr\. \d+$/ }).waitFor();
    const facts = await page.getByRole('region', { name: 'Oplysninger' }).innerText();
    expect(facts).toContain('Landsbyggefonden, test');
    expect(facts).toContain('1. december 2024');
    await expectNoAxeViolations(page, 'en import');

    await page.goto(app.url + '/boligorganisationer?kommune=0147');
    const table = page.getByRole('table', { name: 'Boligorganisationer i Frederiksberg' });
    await expect.poll(() => table.locator('tbody tr > :first-child').allInnerTexts()).toEqual(['Frederiksberg Boligfond', 'Ågade Bolig']);
    await finish();
  });
});
