// The pages of one boligorganisation, afdeling and boligområde: data, key figures over time, suppression.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, expectNoAxeViolations, openPage, startAll, type Browser, type SharedApp } from './harness.ts';

let app: SharedApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await startAll();
});
afterAll(async () => {
  await browser?.close();
});

const idOf = async (path: string, q: string) =>
  (await apiGet<{ items: { id: number }[] }>(browser, app, `${path}?kommunekode=0999&q=${encodeURIComponent(q)}`)).items[0].id;

describe('Detaljesider', () => {
  it('a boligorganisation: facts, dwellings by type and by age as charts with tables, its afdelinger', async () => {
    const { page, finish } = await openPage(browser);
    await page.goto(`${app.url}/boligorganisationer/${await idOf('boligorganisationer', 'Bakkehusene')}?kommune=0999`);
    await page.getByRole('heading', { level: 1, name: 'Bakkehusene' }).waitFor();
    const crumbs = page.getByRole('navigation', { name: 'Brødkrumme' });
    expect(await crumbs.innerText()).toMatch(/Oversigt\s*Boligorganisationer\s*Bakkehusene/);
    const facts = page.getByRole('region', { name: 'Stamdata' });
    expect(await facts.innerText()).toContain('LBF-nummer\n101');
    expect(await facts.innerText()).toContain('opgjort pr. 1. januar 2024');
    await page.getByRole('img', { name: /Søjlediagram: Boliger efter type/ }).waitFor();
    await page.getByRole('table', { name: 'Boliger efter opførelsestidspunkt' }).waitFor();
    const afd = page.getByRole('table', { name: 'Afdelinger i Bakkehusene' });
    await afd.waitFor();
    expect(await afd.locator('tbody tr').count()).toBe(5);
    await expectNoAxeViolations(page, 'en boligorganisation');
    await afd.getByRole('link', { name: 'Engparken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Engparken' }).waitFor();
    await finish();
  });

  it('an afdeling: facts, its boligområde, key figures over time; a small one shows suppressed figures as "–"', async () => {
    const { page, finish } = await openPage(browser);
    await page.goto(`${app.url}/afdelinger/${await idOf('afdelinger', 'Søparken')}?kommune=0999`);
    await page.getByRole('heading', { level: 1, name: 'Søparken' }).waitFor();
    const facts = page.getByRole('region', { name: 'Stamdata' });
    expect(await facts.innerText()).toMatch(/Husleje pr\. m² om året\n874\skr\./);
    expect(await facts.innerText()).toMatch(/Bruttoareal\n7\.310\sm²/);
    await facts.getByRole('link', { name: 'Engparken/Søparken' }).waitFor();

    const figures = page.getByRole('region', { name: 'Nøgletal over tid' });
    await figures.getByRole('img', { name: /Kurvediagram: Nøgletal over tid/ }).waitFor();
    const table = figures.getByRole('table', { name: 'Nøgletal pr. år' });
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Nøgletal', '2021', '2022', '2023']);
    expect(await table.getByRole('row', { name: /^Fraflytning/ }).innerText()).toMatch(/\d,\d\s%/);
    await figures.getByLabel('Nøgletal i diagrammet').selectOption({ label: 'Fraflytning' });
    await expectNoAxeViolations(page, 'en afdeling');

    // Småhusene has 11 households: its rates are suppressed.
    await page.goto(`${app.url}/afdelinger/${await idOf('afdelinger', 'Småhusene')}?kommune=0999`);
    await page.getByRole('heading', { level: 1, name: 'Småhusene' }).waitFor();
    const small = page.getByRole('table', { name: 'Nøgletal pr. år' });
    const row = small.getByRole('row', { name: /^Fraflytning/ });
    expect((await row.innerText()).match(/–/g)).toHaveLength(3);
    expect(await row.innerText()).not.toMatch(/\d/);
    expect(await row.getByText('Diskretioneret: for få til at vise').count()).toBe(3);
    await page.getByText('– Diskretioneret: for få til at vise.').waitFor();
    await expectNoAxeViolations(page, 'en afdeling med diskretionerede tal');
    await finish();
  });

  it('a boligområde: facts, key figures over time and its afdelinger; an unknown id says so', async () => {
    const { page, finish } = await openPage(browser);
    await page.goto(`${app.url}/boligomraader/${await idOf('boligomraader', 'BO-0999-01')}?kommune=0999`);
    await page.getByRole('heading', { level: 1, name: 'Engparken/Søparken' }).waitFor();
    expect(await page.getByRole('region', { name: 'Stamdata' }).innerText()).toMatch(/Beboere \(2023\)\n1\.930/);
    const table = page.getByRole('table', { name: 'Nøgletal pr. år' });
    expect(await table.getByRole('row', { name: /^Kun grundskole/ }).innerText()).toMatch(/55,0\s%\s+53,5\s%\s+52,0\s%/);
    const afd = page.getByRole('table', { name: 'Afdelinger i Engparken/Søparken' });
    await expect.poll(() => afd.locator('tbody tr > :first-child').allInnerTexts()).toEqual(['Engparken', 'Søparken', 'Ågården']);
    await expectNoAxeViolations(page, 'et boligområde');

    const checked = await openPage(browser);
    checked.allowConsoleError(/status of 404/);
    await checked.page.goto(`${app.url}/boligomraader/999999?kommune=0999`);
    await checked.page.getByRole('heading', { level: 1, name: 'Boligområde findes ikke' }).waitFor();
    await expectNoAxeViolations(checked.page, 'et ukendt boligområde');
    await checked.finish();
    await finish();
  });
});
