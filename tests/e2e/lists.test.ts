// Boligorganisationer, Afdelinger, Boligområder: search, sort (Danish order, by the API), pages, exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, holdApi, openPage, startAll, type Browser, type SharedApp } from './harness.ts';
import { orgNames } from './seed.ts';
import { pdfText } from '../pdf-text.ts';

let app: SharedApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await startAll();
});
afterAll(async () => {
  await browser?.close();
});

/** The texts of the first cell (the row header) of every body row. */
async function firstColumn(page: Page, table: string): Promise<string[]> {
  return page.getByRole('table', { name: table }).locator('tbody tr > :first-child').allInnerTexts();
}

/** Clicks an export link and returns the downloaded file's bytes and the URL it came from. */
async function download(page: Page, name: string): Promise<{ url: string; body: Buffer; fileName: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  const path = await dl.path();
  const { readFileSync } = await import('node:fs');
  return { url: dl.url(), body: readFileSync(path), fileName: dl.suggestedFilename() };
}

describe('Lister', () => {
  it('Boligorganisationer: Danish order, sort by a column both ways, open an organisation', async () => {
    const { page, finish } = await openPage(browser);
    await page.goto(app.url + '/boligorganisationer?kommune=0999');
    await page.getByRole('heading', { level: 1, name: 'Boligorganisationer' }).waitFor();
    const table = 'Boligorganisationer i Eksempel Kommune';
    await page.getByRole('table', { name: table }).waitFor();
    // Danish alphabetical order: … Z, Æ, Ø, and Aa as Å last.
    expect(await firstColumn(page, table)).toEqual(orgNames);
    const navn = page.getByRole('columnheader', { name: /^Navn/ });
    expect(await navn.getAttribute('aria-sort')).toBe('ascending');
    await expectNoAxeViolations(page, 'Boligorganisationer');

    await navn.getByRole('button').click();
    await expect.poll(() => navn.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => firstColumn(page, table)).toEqual([...orgNames].reverse());
    expect(new URL(page.url()).searchParams.get('order')).toBe('desc');

    const boliger = page.getByRole('columnheader', { name: /^Boliger/ });
    await boliger.getByRole('button').click();
    await expect.poll(() => boliger.getAttribute('aria-sort')).toBe('ascending');
    expect(await navn.getAttribute('aria-sort')).toBe('none');
    const counts = async () => (await page.getByRole('table', { name: table }).locator('tbody tr > td:nth-child(6)').allInnerTexts()).map((t) => Number(t.replace(/\./g, '')));
    await expect.poll(async () => (await counts()).every((c, i, all) => i === 0 || all[i - 1] <= c)).toBe(true);

    await page.getByRole('link', { name: 'Ærtebjerg Bolig' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ærtebjerg Bolig' }).waitFor();
    await finish();
  });

  it('Afdelinger: search, year filter, pages, and exports of exactly the filtered, sorted list', async () => {
    const { page, finish } = await openPage(browser);
    await page.goto(app.url + '/afdelinger?kommune=0999');
    const table = 'Afdelinger i Eksempel Kommune';
    await page.getByRole('table', { name: table }).waitFor();
    await page.getByText('Viser 1–25 af 30 afdelinger').waitFor();
    await expectNoAxeViolations(page, 'Afdelinger');

    // Page 2 holds the rest.
    await page.getByRole('navigation', { name: 'Sider i listen over afdelinger' }).getByRole('link', { name: 'Side 2' }).click();
    await page.getByText('Viser 26–30 af 30 afdelinger').waitFor();
    expect(await page.getByRole('table', { name: table }).locator('tbody tr').count()).toBe(5);
    expect(await firstColumn(page, table)).toContain('Ågården'); // å sorts last

    // Search by name (typed: applied after a pause).
    await page.getByLabel('Søg efter navn, adresse eller afdelingsnummer').fill('gården');
    await page.getByText(/Viser 1–\d+ af \d+ afdelinger/).waitFor();
    await expect.poll(() => firstColumn(page, table)).toEqual(['Hjortegården', 'Kastanjegården', 'Kildegården', 'Pilegården', 'Strandgården', 'Vestergården', 'Ågården']);
    expect(new URL(page.url()).searchParams.get('side')).toBeNull();

    // A year filter: an invalid year is explained, a valid one applied.
    await page.getByLabel('Opført fra år').fill('19');
    await page.getByRole('button', { name: 'Søg' }).click();
    await page.getByText('Skriv et årstal mellem 1850 og 2100.').waitFor();
    await page.getByLabel('Opført fra år').fill('1980');
    await page.getByRole('button', { name: 'Søg' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('opfoert_fra')).toBe('1980');
    const opfoert = page.getByRole('columnheader', { name: /^Opført/ });
    await opfoert.getByRole('button').click();
    await expect.poll(() => opfoert.getAttribute('aria-sort')).toBe('ascending');
    await opfoert.getByRole('button').click();
    await expect.poll(() => opfoert.getAttribute('aria-sort')).toBe('descending');
    // Wait for the answer to the last click: every year from 1980, newest first.
    const yearsShown = async () => (await page.getByRole('table', { name: table }).locator('tbody tr > td:nth-child(5)').allInnerTexts()).map(Number);
    await expect.poll(async () => {
      const years = await yearsShown();
      return years.length > 0 && years.every((y) => y >= 1980) && years.every((y, i) => i === 0 || years[i - 1] >= y);
    }).toBe(true);
    const shown = await firstColumn(page, table);
    await expectNoAxeViolations(page, 'Afdelinger, filtreret og sorteret');

    // CSV: the same filters and order, semicolons, BOM, Danish headings, every row (not just the page).
    const csv = await download(page, 'Eksportér CSV');
    const url = new URL(csv.url);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ kommunekode: '0999', q: 'gården', opfoert_fra: '1980', sort: 'opfoerelsesaar', order: 'desc', format: 'csv' });
    expect(url.searchParams.has('limit')).toBe(false);
    const text = csv.body.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toContain(';');
    expect(lines[0].toLowerCase()).toContain('afdeling');
    const names = lines.slice(1).map((l) => shown.find((n) => l.includes(n)));
    expect(names).toEqual(shown);

    // Excel: an xlsx file (a zip) for the same query.
    const xlsx = await download(page, 'Eksportér Excel');
    expect(new URL(xlsx.url).searchParams.get('format')).toBe('xlsx');
    expect(new URL(xlsx.url).searchParams.get('q')).toBe('gården');
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');

    // PDF: the same query and rows, in the same order, for printing.
    const pdf = await download(page, 'Eksportér PDF');
    expect(Object.fromEntries(new URL(pdf.url).searchParams)).toMatchObject({ kommunekode: '0999', q: 'gården', opfoert_fra: '1980', sort: 'opfoerelsesaar', order: 'desc', format: 'pdf' });
    expect(pdf.fileName).toMatch(/^afdelinger-0999-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfLines = pdfText(pdf.body).pages.flat();
    expect(pdfLines).toContain('Udtræk: Kommune: 0999 · Søgning: gården · Opført fra: 1980 · Sorteret efter Opførelsesår, faldende');
    const positions = shown.map((n) => pdfLines.findIndex((l) => l.includes(n)));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || positions[i - 1] < p))).toBe(true);
    await finish();
  });

  it('Afdelinger while an answer is on its way: another page keeps the old rows (busy), another search shows none of them', async () => {
    const { page, finish } = await openPage(browser);
    await page.goto(app.url + '/afdelinger?kommune=0999');
    const table = page.getByRole('table', { name: 'Afdelinger i Eksempel Kommune' });
    await page.getByText('Viser 1–25 af 30 afdelinger').waitFor();

    // Page 2 of the same list: the rows of page 1 stay, with their own "Viser", and the table is busy.
    let release = await holdApi(page, 'afdelinger');
    await page.getByRole('navigation', { name: 'Sider i listen over afdelinger' }).getByRole('link', { name: 'Side 2' }).click();
    await expect.poll(() => table.getAttribute('aria-busy')).toBe('true');
    expect(await table.locator('tbody tr').count()).toBe(25);
    expect(await page.getByText('Viser 1–25 af 30 afdelinger').count()).toBe(1);
    await release();
    await page.getByText('Viser 26–30 af 30 afdelinger').waitFor();
    expect(await table.getAttribute('aria-busy')).toBeNull();

    // Another search is another question: none of the old rows or counts under it while it is read.
    release = await holdApi(page, 'afdelinger');
    await page.getByLabel('Søg efter navn, adresse eller afdelingsnummer').fill('gården');
    await page.getByRole('status').filter({ hasText: 'Henter afdelinger …' }).waitFor();
    expect(await table.count()).toBe(0);
    expect(await page.getByText(/^Viser /).count()).toBe(0);
    await release();
    await page.getByText('Viser 1–7 af 7 afdelinger').waitFor();
    expect(await firstColumn(page, 'Afdelinger i Eksempel Kommune')).toEqual(['Hjortegården', 'Kastanjegården', 'Kildegården', 'Pilegården', 'Strandgården', 'Vestergården', 'Ågården']);
    await finish();
  });

  it('Boligområder: list, search by code, open an område', async () => {
    const { page, finish } = await openPage(browser);
    await page.goto(app.url + '/boligomraader?kommune=0999');
    const table = 'Boligområder i Eksempel Kommune';
    await page.getByRole('table', { name: table }).waitFor();
    expect(await firstColumn(page, table)).toEqual(['Engparken/Søparken', 'Hjortegården']);
    await expectNoAxeViolations(page, 'Boligområder');
    const kode = page.getByRole('columnheader', { name: /^Kode/ });
    await kode.getByRole('button').click();
    await kode.getByRole('button').click();
    await expect.poll(() => firstColumn(page, table)).toEqual(['Hjortegården', 'Engparken/Søparken']);
    await page.getByLabel('Søg efter navn eller kode').fill('BO-0999-01');
    await expect.poll(() => firstColumn(page, table)).toEqual(['Engparken/Søparken']);
    await page.getByRole('link', { name: 'Engparken/Søparken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Engparken/Søparken' }).waitFor();
    await finish();
  });
});
