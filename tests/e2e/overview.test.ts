// Oversigt: the municipality's fact sheet, the demo banner, charts with tables, provenance, the kommune choice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, openPage, signIn, startAll, type Browser, type SharedApp } from './harness.ts';

let app: SharedApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await startAll();
});
afterAll(async () => {
  await browser?.close();
});

describe('Oversigt', () => {
  it('shows the demo municipality by default with Danish figures, charts, tables and sources', async () => {
    const { page, finish } = await openPage(browser);
    await page.goto(app.url + '/');
    await page.getByRole('heading', { level: 1, name: 'Almene boliger i Eksempel Kommune' }).waitFor();
    expect(new URL(page.url()).searchParams.get('kommune')).toBe('0999');
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    await page.getByText('Demodata — genererede tal, ikke virkelige').waitFor();

    // Key figures, written the Danish way (seed: 5.498 boliger, 14.000 in the housing stock).
    const figures = page.locator('.key-figures');
    await expect.poll(() => figures.innerText()).toContain('5.498');
    const text = await figures.innerText();
    expect(text).toMatch(/39,3\s%/); // 5498 / 14000
    expect(text).toMatch(/\d+\smio\.\skr\./);
    expect(text).toMatch(/1\.0\d\d\skr\./); // area-weighted rent per m²
    for (const label of ['Almene boliger', 'Andel af boligmassen', 'Fraflytning i familieboliger', 'Huslejeomsætning om året', 'Beboere']) {
      expect(text).toContain(label);
    }

    // The bar chart by type, with a table of the same figures beside it.
    await page.getByRole('img', { name: /Søjlediagram: Almene boliger efter type/ }).waitFor();
    const byType = page.getByRole('table', { name: 'Almene boliger efter type' });
    await expect.poll(() => byType.getByRole('row').count()).toBe(5);
    const familie = byType.getByRole('row', { name: /Familieboliger/ });
    expect(await familie.innerText()).toMatch(/5\.034\s+91,6\s%/);

    // The development by year: line charts and their tables.
    await page.getByRole('img', { name: /Kurvediagram: Beboere i almene boliger pr\. år/ }).waitFor();
    const rates = page.getByRole('table', { name: 'Fraflytning og beskæftigelse pr. år' });
    expect(await rates.getByRole('row', { name: /2023/ }).innerText()).toMatch(/\d,\d\s%/);

    // Provenance with Danish dates.
    const sources = page.getByRole('region', { name: 'Kilder og opgørelse' });
    expect(await sources.innerText()).toContain('opgjort pr. 1. januar 2024');
    await expectNoAxeViolations(page, 'Oversigt');
    await finish();
  });

  it('switches municipality, keeps it in the URL and remembers it', async () => {
    const { page, finish } = await openPage(browser);
    await page.goto(app.url + '/');
    await page.getByRole('heading', { level: 1, name: 'Almene boliger i Eksempel Kommune' }).waitFor();
    await page.getByLabel('Kommune', { exact: true }).selectOption('0163');
    await page.getByRole('button', { name: 'Skift' }).click();
    await page.getByRole('heading', { level: 1, name: 'Almene boliger i Herlev' }).waitFor();
    expect(new URL(page.url()).searchParams.get('kommune')).toBe('0163');
    expect(await page.getByText('Demodata — genererede tal, ikke virkelige').count()).toBe(0);
    await expect.poll(() => page.locator('.key-figures').innerText()).toContain('350');

    // The choice follows the links and survives a visit without ?kommune.
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Afdelinger' }).click();
    await page.getByRole('heading', { level: 1, name: 'Afdelinger' }).waitFor();
    expect(new URL(page.url()).searchParams.get('kommune')).toBe('0163');
    await page.getByRole('link', { name: 'Kildegårdsparken' }).waitFor();
    await page.goto(app.url + '/boligorganisationer');
    await page.getByRole('link', { name: 'Herlev Boligselskab' }).waitFor();
    expect(new URL(page.url()).searchParams.get('kommune')).toBe('0163');
    await expectNoAxeViolations(page, 'Boligorganisationer i Herlev');
    await page.evaluate(() => localStorage.clear());
    await finish();
  });

  it('tells a municipality without data where to import it, and has a page for unknown addresses', async () => {
    const { page, finish } = await openPage(browser);
    await page.goto(app.url + '/?kommune=0101');
    await page.getByRole('heading', { level: 2, name: 'Ingen data for København endnu' }).waitFor();
    await page.getByRole('link', { name: 'Importér data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    await page.goto(app.url + '/findes/ikke');
    await page.getByRole('heading', { level: 1, name: 'Siden findes ikke' }).waitFor();
    await expectNoAxeViolations(page, 'Siden findes ikke');
    await page.evaluate(() => localStorage.clear());
    await finish();
  });

  it('signs out to the login page and in again, keeping the address', async () => {
    const { page, allowConsoleError, finish } = await openPage(browser);
    allowConsoleError(/status of 401/); // Chromium notes the refused login
    await page.goto(app.url + '/afdelinger?kommune=0999');
    await page.getByText('Test Testesen').waitFor();
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Hovedmenu' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'Log ind');

    await page.getByLabel('Brugernavn').fill(app.user.username);
    await page.getByLabel('Adgangskode').fill('forkert');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('heading', { name: 'Du blev ikke logget ind' }).waitFor();
    await expectNoAxeViolations(page, 'Log ind med fejl');

    await page.getByLabel('Adgangskode').fill(app.user.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('heading', { level: 1, name: 'Afdelinger' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/afdelinger');
    await finish();
  });

  it('shows a reader the register but not the import', async () => {
    await signIn(browser, app, app.reader);
    const { page, allowConsoleError, finish } = await openPage(browser);
    allowConsoleError(/status of 403/); // the page asks; the API refuses
    try {
      await page.goto(app.url + '/?kommune=0999');
      await page.getByRole('heading', { level: 1, name: 'Almene boliger i Eksempel Kommune' }).waitFor();
      const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
      expect(await menu.getByRole('link').allInnerTexts()).toEqual(['Oversigt', 'Boligorganisationer', 'Afdelinger', 'Boligområder', 'Områdelister', 'Udlejningsaftale']);
      await page.goto(app.url + '/import?kommune=0999');
      await page.getByRole('heading', { name: 'Du har ikke adgang til import' }).waitFor();
      await expectNoAxeViolations(page, 'Import uden adgang');
      await finish();
    } finally {
      await signIn(browser, app);
    }
  });
});
