// Who may see and do what: sign-in, the menu and "Du har ikke adgang" per role, user administration, the
// audit log and its export, applicants with a logged CPR reveal, and changing one's password. The users live
// in Ballerup (0151) and Brøndby (0153), which no other browser test uses (tests/e2e/seed-access.ts).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser, openPage, signIn, type Browser, type SharedApp } from './harness.ts';
import { APPLICANT, type AccessUsers, type Credentials } from './seed-access.ts';

let app: SharedApp;
let users: AccessUsers;
let browser: Browser;
beforeAll(async () => {
  app = inject('almen');
  users = app.access;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Hovedmenu' });
const menuTexts = (page: Page) => mainMenu(page).getByRole('link').allInnerTexts();

/** Signs in on the login page (no session cookie first). */
async function signInWithForm(page: Page, who: Credentials) {
  await browser.context.clearCookies();
  await page.goto(app.url + '/');
  await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
  await page.getByLabel('Brugernavn').fill(who.username);
  await page.getByLabel('Adgangskode').fill(who.password);
  await page.getByRole('button', { name: 'Log ind', exact: true }).click();
}

/** The status of POST /api/auth/login for these credentials (without touching the browser's session). */
async function loginStatus(who: Credentials): Promise<number> {
  const res = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) });
  return res.status;
}

/** Clicks an export link; the file's text and the URL it came from. */
async function download(page: Page, name: string): Promise<{ url: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  return { url: dl.url(), text: readFileSync(await dl.path(), 'utf8') };
}

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date()); // YYYY-MM-DD

describe('Adgang', () => {
  it('sign-in: a wrong password and a locked account are explained; sign in and out', async () => {
    const { page, allowConsoleError, finish } = await openPage(browser);
    allowConsoleError(/status of 401/); // Chromium notes the refused sign-ins
    allowConsoleError(/status of 423/);
    await signInWithForm(page, { username: users.laeser.username, password: 'forkert-adgangskode' });
    const problem = page.getByRole('alert').filter({ hasText: 'Du blev ikke logget ind' });
    await problem.getByText('Brugernavnet eller adgangskoden er forkert').waitFor();
    // The municipality's own login is offered only when the server has one (not in these tests).
    expect(await page.getByRole('link', { name: 'Log ind med kommunens login' }).count()).toBe(0);

    await page.getByLabel('Brugernavn').fill(users.locked.username);
    await page.getByLabel('Adgangskode').fill(users.locked.password);
    await page.getByRole('button', { name: 'Log ind', exact: true }).click();
    await problem.getByText('Din konto er midlertidigt spærret').waitFor();
    await expectNoAxeViolations(page, 'Log ind, spærret konto');

    await page.getByLabel('Brugernavn').fill(users.laeser.username);
    await page.getByLabel('Adgangskode').fill(users.laeser.password);
    await page.getByRole('button', { name: 'Log ind', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Almene boliger i Ballerup' }).waitFor();
    await page.getByText('Lars Læser').waitFor();
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    expect(await mainMenu(page).count()).toBe(0);
    await finish();
  });

  it('the menu follows the role, and a page the role may not use says "Du har ikke adgang"', async () => {
    const cases: [keyof AccessUsers, string[], string][] = [
      ['administrator', ['Oversigt', 'Boligorganisationer', 'Afdelinger', 'Boligområder', 'Områdelister', 'Udlejningsaftale', 'Anvisning', 'Import', 'Brugere', 'Revisionsspor'], '/ansoegere'],
      ['boligkontor', ['Oversigt', 'Boligorganisationer', 'Afdelinger', 'Boligområder', 'Områdelister', 'Udlejningsaftale', 'Anvisning', 'Import'], '/brugere'],
      ['anvisning', ['Oversigt', 'Boligorganisationer', 'Afdelinger', 'Boligområder', 'Områdelister', 'Udlejningsaftale', 'Anvisning'], '/revisionsspor'],
      ['boligorganisation', ['Boligorganisationer', 'Afdelinger', 'Anvisning'], '/boligomraader'],
      ['laeser', ['Oversigt', 'Boligorganisationer', 'Afdelinger', 'Boligområder', 'Områdelister', 'Udlejningsaftale'], '/ansoegere/ny'],
    ];
    const { page, finish } = await openPage(browser);
    for (const [role, menu, forbidden] of cases) {
      await signIn(browser, app, users[role]);
      await page.goto(app.url + '/boligorganisationer');
      await page.getByRole('table', { name: 'Boligorganisationer i Ballerup' }).waitFor();
      expect(await menuTexts(page), role).toEqual(menu);
      await page.goto(app.url + forbidden);
      await page.getByRole('heading', { level: 1, name: /^Du har ikke adgang til / }).waitFor();
      if (role === 'laeser') {
        expect(await page.getByRole('main').innerText()).toContain('Siden kræver rollen Kommune: boliganvisning. Du har rollen Læser.');
        await expectNoAxeViolations(page, 'Ingen adgang');
      }
    }
    await finish();
  });

  it('Brugere: the administrator creates a user (errors by field), who signs in and sees the menu; edit, new password, deactivate', async () => {
    await signIn(browser, app, users.administrator);
    const { page, allowConsoleError, finish } = await openPage(browser);
    allowConsoleError(/status of 400/); // the server refuses a weak password
    await page.goto(app.url + '/');
    await mainMenu(page).getByRole('link', { name: 'Brugere' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
    const table = page.getByRole('table', { name: 'Brugere' });
    await table.getByRole('row', { name: /e2e-anvisning/ }).waitFor();
    expect(await table.getByRole('row', { name: /e2e-anvisning/ }).innerText()).toContain('Kommune: boliganvisning: Ballerup');
    await expect.poll(() => table.getByRole('row', { name: /e2e-boligorg/ }).innerText()).toContain('Boligorganisation: Ballerup Boligselskab (Ballerup)');
    expect(await table.getByRole('row', { name: /e2e-spaerret/ }).innerText()).toContain('Spærret');
    await expectNoAxeViolations(page, 'Brugere');

    await page.getByRole('link', { name: 'Opret bruger' }).click();
    const form = page.getByRole('form', { name: 'Opret bruger' });
    await form.waitFor();
    await form.getByRole('button', { name: 'Tilføj rolle' }).click();
    await form.getByRole('combobox', { name: 'Rolle', exact: true }).selectOption('boligorganisation');
    await form.getByRole('button', { name: 'Opret bruger' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Brugeren er ikke oprettet' });
    expect(await summary.getByRole('link').allInnerTexts()).toEqual(['Skriv et brugernavn.', 'Skriv brugerens navn.', 'Vælg boligorganisationen for rolle 1.']);
    expect(await form.getByRole('textbox', { name: 'Brugernavn' }).getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'Opret bruger med fejl');

    await form.getByRole('textbox', { name: 'Brugernavn' }).fill('e2e-ny.bruger');
    await form.getByRole('textbox', { name: 'Navn', exact: true }).fill('Nina Ny');
    await form.getByLabel('Adgangskode (valgfri)').fill('aaaaaaaaaaaaaaaa'); // long enough, too few different characters
    await form.getByRole('combobox', { name: 'Kommune' }).selectOption('0153');
    await form.getByRole('combobox', { name: 'Boligorganisation' }).selectOption({ label: 'Brøndby Strand Bolig' });
    await form.getByRole('button', { name: 'Opret bruger' }).click();
    await summary.getByRole('link', { name: 'Adgangskoden skal have for få forskellige tegn.' }).waitFor();
    await form.getByText('Adgangskoden skal have for få forskellige tegn.').waitFor(); // also at the field

    await form.getByLabel('Adgangskode (valgfri)').fill('Nina-har-et-godt-kodeord-7');
    await form.getByRole('button', { name: 'Opret bruger' }).click();
    await page.getByRole('status').filter({ hasText: 'Brugeren e2e-ny.bruger (Nina Ny) er oprettet.' }).waitFor();
    await expect.poll(() => table.getByRole('row', { name: /e2e-ny\.bruger/ }).innerText()).toContain('Boligorganisation: Brøndby Strand Bolig (Brøndby)');

    // The new user signs in and sees what the role allows.
    await signInWithForm(page, { username: 'e2e-ny.bruger', password: 'Nina-har-et-godt-kodeord-7' });
    await page.getByText('Nina Ny').waitFor();
    await expect.poll(() => menuTexts(page)).toEqual(['Boligorganisationer', 'Afdelinger', 'Anvisning']);

    // Back as administrator: rename, a new password, deactivate after a confirmation.
    await signIn(browser, app, users.administrator);
    await page.goto(app.url + '/brugere');
    await table.getByRole('link', { name: 'e2e-ny.bruger' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nina Ny' }).waitFor();
    await expectNoAxeViolations(page, 'Ret bruger');
    const edit = page.getByRole('form', { name: 'Navn og roller' });
    await edit.getByRole('textbox', { name: 'Navn', exact: true }).fill('Nina Nielsen');
    await edit.getByRole('button', { name: 'Gem ændringer' }).click();
    await page.getByText('Ændringerne er gemt.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Nina Nielsen' }).waitFor();

    await page.getByRole('textbox', { name: 'Ny adgangskode', exact: true }).fill('Ninas-nye-kodeord-2026');
    await page.getByRole('button', { name: 'Gem ny adgangskode' }).click();
    await page.getByText('Den nye adgangskode er gemt.').waitFor();

    await page.getByRole('button', { name: 'Deaktivér brugeren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deaktivér Nina Nielsen?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'Deaktivér bruger (dialog)');
    await dialog.getByRole('button', { name: 'Deaktivér brugeren' }).click();
    await page.getByText('Nina Nielsen er deaktiveret og kan ikke længere logge ind.').waitFor();
    await page.getByText('Deaktiveret', { exact: true }).waitFor();
    expect(await loginStatus({ username: 'e2e-ny.bruger', password: 'Ninas-nye-kodeord-2026' })).toBe(401);
    await finish();
  });

  it('Revisionsspor: the user creation, found by search, and the CSV export of exactly that search', async () => {
    await signIn(browser, app, users.administrator);
    const { page, finish } = await openPage(browser);
    await page.goto(app.url + '/');
    await mainMenu(page).getByRole('link', { name: 'Revisionsspor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Revisionsspor' }).waitFor();
    await page.getByText('Revisionssporet kan ikke ændres eller slettes').waitFor();
    const search = page.getByRole('search', { name: 'Søg i hændelser' });
    await search.getByRole('combobox', { name: 'Handling' }).selectOption('opret');
    await search.getByRole('combobox', { name: 'Emne' }).selectOption({ label: 'Bruger' });
    await search.getByLabel('Fra dato').fill(today());
    await search.getByRole('button', { name: 'Søg' }).click();
    const table = page.getByRole('table', { name: 'Hændelser i revisionssporet, nyeste først' });
    await expect.poll(() => new URL(page.url()).searchParams.get('fra')).toBe(today());
    // Until the filtered answer comes, the table still shows every event (the user's sign-ins too).
    const row = table.getByRole('row').filter({ hasText: 'e2e-ny.bruger' }).filter({ hasText: 'Oprettet' });
    await row.waitFor();
    await expect.poll(() => table.locator('tbody tr').filter({ hasNotText: 'Oprettet' }).count()).toBe(0);
    const text = await row.innerText();
    expect(text).toContain('e2e-adm-vest');
    expect(text).toContain('Oprettet');
    expect(text).toMatch(/Brugernavn:\s*e2e-ny\.bruger/);
    expect(text).toMatch(/Roller:\s*Boligorganisation i 0153/);
    expect(text).toMatch(/\d{1,2}\. \p{L}+ \d{4} kl\. \d{2}\.\d{2}\.\d{2}/u); // Danish date and time
    await expectNoAxeViolations(page, 'Revisionsspor');

    const csv = await download(page, 'Eksportér CSV');
    const url = new URL(csv.url);
    expect(Object.fromEntries(url.searchParams)).toEqual({ action: 'opret', entity: 'bruger', fra: today(), format: 'csv' });
    const lines = csv.text.replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^Nr\.;Tidspunkt;Bruger;Handling;Emne/);
    expect(lines.slice(1).every((l) => /^\d+;\d{2}\.\d{2}\.\d{4}, \d{2}\.\d{2}\.\d{2};/.test(l))).toBe(true); // Danish time, to the second
    expect(lines.some((l) => l.includes('e2e-ny.bruger') && l.includes(';opret;bruger;'))).toBe(true);
    expect(lines.slice(1).every((l) => l.includes(';opret;bruger;'))).toBe(true);
    await finish();
  });

  it('Ansøgere: masked CPR, a logged reveal after a confirmation, a new applicant with Danish checks, a closed case; the reveal is in the audit log', async () => {
    await signIn(browser, app, users.anvisning);
    const { page, finish } = await openPage(browser);
    await page.goto(app.url + '/');
    await mainMenu(page).getByRole('link', { name: 'Anvisning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sager' }).waitFor();
    await page.getByRole('heading', { name: 'Alle opslag logges' }).waitFor();
    const table = page.getByRole('table', { name: 'Sager i Ballerup' });
    const bodil = table.getByRole('row', { name: new RegExp(APPLICANT.navn) });
    const masked = `${APPLICANT.cpr.slice(0, 6)}-****`;
    await bodil.getByText(masked).waitFor();
    expect(await table.innerText()).not.toContain(APPLICANT.cpr);
    await expectNoAxeViolations(page, 'Ansøgere');

    // Cancelled: nothing shown. Confirmed: the full number, until hidden again.
    const reveal = bodil.getByRole('button', { name: `Vis CPR-nummer for ${APPLICANT.navn}` });
    await reveal.click();
    const dialog = page.getByRole('dialog', { name: 'Vis CPR-nummer?' });
    await dialog.getByText('Visningen logges.').waitFor();
    await expectNoAxeViolations(page, 'Vis CPR-nummer (dialog)');
    await dialog.getByRole('button', { name: 'Annuller' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await bodil.innerText()).toContain(masked);
    await reveal.click();
    await dialog.getByRole('button', { name: 'Vis CPR-nummer' }).click();
    await bodil.getByText(APPLICANT.cpr).waitFor();
    await bodil.getByRole('button', { name: `Skjul CPR-nummer for ${APPLICANT.navn}` }).click();
    await bodil.getByText(masked).waitFor();

    // A new applicant: the form explains what is wrong, in Danish, at each field.
    await page.getByRole('link', { name: 'Opret ansøger' }).click();
    const form = page.getByRole('form', { name: 'Opret ansøger' });
    await form.getByRole('textbox', { name: 'CPR-nummer' }).fill('311390-1234');
    await form.getByRole('textbox', { name: 'E-mail (valgfrit)' }).fill('ikke-en-adresse');
    await form.getByRole('button', { name: 'Opret ansøger' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Ansøgeren er ikke oprettet' });
    expect(await summary.getByRole('link').allInnerTexts()).toEqual([
      'CPR-nummeret skal begynde med en fødselsdato (DDMMÅÅ).',
      'Skriv ansøgerens navn.',
      'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.',
      'Vælg en målgruppe.',
    ]);
    await expectNoAxeViolations(page, 'Opret ansøger med fejl');
    await form.getByRole('textbox', { name: 'CPR-nummer' }).fill('020285-4321');
    await form.getByRole('textbox', { name: 'Navn', exact: true }).fill('Carl Carlsen');
    await form.getByRole('textbox', { name: 'E-mail (valgfrit)' }).fill('carl@eksempel.dk');
    await form.getByRole('combobox', { name: 'Målgruppe' }).selectOption('flygtninge');
    await form.getByRole('button', { name: 'Opret ansøger' }).click();
    await page.getByRole('status').filter({ hasText: 'Ansøgeren Carl Carlsen er oprettet.' }).waitFor();
    const carl = table.getByRole('row', { name: /Carl Carlsen/ });
    await carl.getByText('020285-****').waitFor();
    expect(await carl.innerText()).toContain('Flygtninge');

    // Closing the case asks first; the open cases no longer list it.
    await carl.getByRole('button', { name: 'Luk sagen for Carl Carlsen' }).click();
    await page.getByRole('dialog', { name: 'Luk sagen?' }).getByRole('button', { name: 'Luk sagen' }).click();
    await page.getByText('Sagen for Carl Carlsen er lukket.').waitFor();
    await carl.waitFor({ state: 'detached' });
    await page.getByRole('combobox', { name: 'Vis sager' }).selectOption('lukket');
    await table.getByRole('row', { name: /Carl Carlsen/ }).getByText('Lukket', { exact: true }).waitFor();

    // The administrator sees the reveal in the audit log.
    await signIn(browser, app, users.administrator);
    await page.goto(`${app.url}/revisionsspor?action=vis-cpr&actor=${users.anvisning.username}`);
    const row = page.getByRole('table', { name: 'Hændelser i revisionssporet, nyeste først' }).getByRole('row', { name: /Vist CPR-nummer/ });
    await row.waitFor();
    expect(await row.count()).toBe(1);
    await expect.poll(() => row.innerText()).toContain('Ballerup'); // the name once the municipalities are loaded
    const text = await row.innerText();
    expect(text).toContain(users.anvisning.username);
    expect(text).toContain('Ansøger');
    expect(text).not.toContain(APPLICANT.cpr);
    await finish();
  });

  it('Skift adgangskode: the two new ones must match, the server explains a wrong or weak password, then it changes', async () => {
    const who = users.passwordChanger;
    await signIn(browser, app, who);
    const { page, allowConsoleError, finish } = await openPage(browser);
    allowConsoleError(/status of 400/); // a wrong current password and a weak new one
    await page.goto(app.url + '/');
    await page.getByRole('link', { name: 'Skift adgangskode' }).click();
    await page.getByRole('heading', { level: 1, name: 'Skift adgangskode' }).waitFor();
    await expectNoAxeViolations(page, 'Skift adgangskode');
    const form = page.getByRole('form', { name: 'Skift adgangskode' });
    const current = form.getByLabel('Nuværende adgangskode');
    const next = form.getByLabel('Ny adgangskode', { exact: true });
    const repeat = form.getByLabel('Gentag ny adgangskode');
    const submit = form.getByRole('button', { name: 'Skift adgangskode' });
    const summary = page.getByRole('alert').filter({ hasText: 'Adgangskoden er ikke skiftet' });

    await current.fill('forkert-adgangskode');
    await next.fill('Svends-nye-kodeord-42');
    await repeat.fill('Svends-nye-kodeord-43');
    await submit.click();
    await summary.getByRole('link', { name: 'De to nye adgangskoder er ikke ens.' }).waitFor();

    await repeat.fill('Svends-nye-kodeord-42');
    await submit.click();
    await summary.getByRole('link', { name: 'Den nuværende adgangskode er forkert.' }).waitFor();

    await current.fill(who.password);
    await next.fill('kortkort');
    await repeat.fill('kortkort');
    await submit.click();
    await summary.getByRole('link', { name: /^Adgangskoden skal have mindst 12 tegn/ }).waitFor();
    await expectNoAxeViolations(page, 'Skift adgangskode med fejl');

    await next.fill('Svends-nye-kodeord-42');
    await repeat.fill('Svends-nye-kodeord-42');
    await submit.click();
    await page.getByRole('heading', { name: 'Adgangskoden er skiftet' }).waitFor();
    expect(await current.inputValue()).toBe('');
    expect(await loginStatus({ username: who.username, password: 'Svends-nye-kodeord-42' })).toBe(200);
    expect(await loginStatus(who)).toBe(401);
    await finish();
  });
});
