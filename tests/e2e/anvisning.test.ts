// Kommunal anvisning (issue 6, item 8): an organisation offers a vacancy and sees only its own; the municipality's
// candidates with every reason, a legal refusal, an offer with its warnings, a refusal and an acceptance (the vacancy
// is used, the case closes); a vacancy returned as too expensive in the statistics; a case edited (a Danish error at
// the field, then saved), the journal and a temporary tool; the batch proposal with its reasons; claims registered,
// approved, paid, rejected and the balance; cheap housing with own limits; who has no access; axe-core on the pages.
//
// This file starts its own app with the generated demo municipality (src/demo-startup.ts loadDemo: three applicants
// with case data, three vacancies offered - one returned as too expensive - and one claim), because it offers,
// answers and pays in 0999. Candidates are judged on fixed dates (10 December 2026, and 1 December 2025 when the
// area's 2024 list applies) so the legal parameters in force and the area lists do not depend on the day it runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, loadDemo } from '../../src/demo-startup.ts';
import { parseKeyring } from '../../src/shared/crypto.ts';
import { createTestUser, grant, TEST_KEYS, TEST_PASSWORD } from '../app.ts';
import { expectNoAxeViolations, launchBrowser, openPage, settled, signIn, startApp, type Browser, type RunningApp } from './harness.ts';

const DEMO = '0999';
const KOMMUNE = 'Eksempel Kommune';
const JUDGE = '2026-12-10';
const as = (username: string) => ({ username, password: DEMO_PASSWORD });
const NEW_ADDRESS = 'Rønneparken 7, 1. th.';
const ORG = 'Almene Boliger Rønnehøj'; // the demo organisation user's (the first by LBF number)
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const YEAR = new Date().getFullYear();

let app: RunningApp;
let anvisning: Browser; // the demo's boliganvisning: cases, offers, decisions
let org: Browser; // the demo's organisation user (Almene Boliger Rønnehøj)
let org2: Browser; // a user of another demo organisation (made here)
let kontor: Browser; // the demo's boligkontor
let reader: Browser; // the demo's læser
let org2Name: string;

beforeAll(async () => {
  app = await startApp((db) => loadDemo(db, parseKeyring(TEST_KEYS)));
  const other = (await app.db.pool.query(`SELECT l.boligorganisation_id AS id, o.navn FROM anvisningsbolig l JOIN boligorganisation o ON o.id = l.boligorganisation_id WHERE l.adresse = 'Demoparken 5, 1.'`)).rows[0];
  org2Name = other.navn;
  const u = await createTestUser(app.db, [grant('boligorganisation', DEMO, Number(other.id))], 'e2e-org2');
  [anvisning, org, org2, kontor, reader] = await Promise.all([launchBrowser(), launchBrowser(), launchBrowser(), launchBrowser(), launchBrowser()]);
  await signIn(anvisning, app, as('anvisning'));
  await signIn(org, app, as('organisation'));
  await signIn(org2, app, { username: u.username, password: TEST_PASSWORD });
  await signIn(kontor, app, as('boligkontor'));
  await signIn(reader, app, as('laeser'));
});
afterAll(async () => {
  for (const b of [anvisning, org, org2, kontor, reader]) await b?.close();
  await app?.close();
});

async function api(browser: Browser, path: string) {
  const res = await browser.context.request.get(`${app.url}/api/${path}`);
  if (!res.ok()) throw new Error(`GET /api/${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

async function open(page: Page, path: string, h1: string | RegExp) {
  await page.goto(`${app.url}${path}${path.includes('?') ? '&' : '?'}kommune=${DEMO}`);
  await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
  await settled(page);
}

const tabs = (page: Page) => page.getByRole('navigation', { name: 'Anvisningens sider' }).getByRole('link').allInnerTexts();
const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Hovedmenu' });
const rowOf = (table: Locator, has: string) => table.locator('tbody tr').filter({ hasText: has });
/** innerText with the no-break spaces of "4.350 kr." and "58 m²" as plain spaces. */
const text = async (l: Locator): Promise<string> => (await l.innerText()).replace(/\u00a0/g, ' ');
const texts = async (l: Locator): Promise<string[]> => (await l.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' '));

/** Whole years from an ISO birth date to today (Danish time), as the case page computes it. */
function ageToday(birth: string): number {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = today.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

describe('Anvisning', () => {
  it('an organisation offers a vacancy from its own afdelinger (Danish errors first) and sees only its own; another organisation sees only its own', async () => {
    const { page, finish } = await openPage(org);
    await page.goto(`${app.url}/?kommune=${DEMO}`);
    await mainMenu(page).getByRole('link', { name: 'Anvisning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ledige boliger' }).waitFor();
    await settled(page);
    expect(await tabs(page)).toEqual(['Ledige boliger', 'Krav og saldo']);
    const table = page.getByRole('table', { name: `Ledige boliger i ${KOMMUNE}` });
    await rowOf(table, 'Demovej 3, 2. tv.').waitFor();
    expect(await text(table)).not.toMatch(/Demoparken 5|Demovej 11/);
    expect(await text(rowOf(table, 'Demovej 3, 2. tv.'))).toMatch(/^Demovej 3, 2\. tv\.\s+Agerhøj\s+Almene Boliger Rønnehøj\s+2\s+58 m²\s+4\.350 kr\.\s+Nej\s+1\. januar 2027\s+15\. december 2026\s+Til rådighed$/);
    await expectNoAxeViolations(page, 'Ledige boliger (organisation)');

    await page.getByRole('link', { name: 'Tilbyd en ledig bolig' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tilbyd en ledig bolig' }).waitFor();
    const form = page.getByRole('form', { name: 'Tilbyd en ledig bolig' });
    const afdeling = form.getByRole('combobox', { name: 'Afdeling' });
    await afdeling.locator('option', { hasText: 'Rønnehøj (afd.' }).waitFor({ state: 'attached' });
    const options = await texts(afdeling.locator('option'));
    expect(options.slice(1).every((o) => o.endsWith(`, ${ORG})`))).toBe(true); // its own afdelinger only
    await afdeling.selectOption({ label: options.find((o) => o.startsWith('Rønnehøj (afd.'))! });
    await form.getByRole('textbox', { name: 'Ledig fra' }).fill('2027-02-01');
    await form.getByRole('textbox', { name: 'Kommunens svarfrist' }).fill('2027-02-15');
    await form.getByRole('button', { name: 'Tilbyd boligen' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Boligen er ikke tilbudt' });
    expect(await texts(summary.getByRole('link'))).toEqual([
      'Skriv boligens adresse.',
      'Skriv et helt antal værelser fra 1 til 20.',
      'Skriv boligens areal i m², fx 58.',
      'Skriv huslejen i kr. pr. måned, fx 4.350.',
      'Svarfristen skal ligge før eller samme dag, som boligen bliver ledig.',
    ]);
    expect(await form.getByRole('textbox', { name: 'Adresse' }).getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'Tilbyd en ledig bolig med fejl');
    await form.getByRole('textbox', { name: 'Adresse' }).fill(NEW_ADDRESS);
    await form.getByRole('textbox', { name: 'Værelser' }).fill('2');
    await form.getByRole('textbox', { name: 'Areal (m²)' }).fill('55');
    await form.getByRole('textbox', { name: 'Husleje pr. måned (kr.)' }).fill('3.900');
    await form.getByRole('textbox', { name: 'Kommunens svarfrist' }).fill('2027-01-15');
    await form.getByRole('button', { name: 'Tilbyd boligen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ledige boliger' }).waitFor();
    await page.getByRole('status').filter({ hasText: `${NEW_ADDRESS} er stillet til rådighed for kommunen med svarfrist 15. januar 2027.` }).waitFor();
    await expect.poll(() => rowOf(table, NEW_ADDRESS).count()).toBe(1);
    expect(await text(rowOf(table, NEW_ADDRESS))).toMatch(/Rønnehøj\s+Almene Boliger Rønnehøj\s+2\s+55 m²\s+3\.900 kr\.\s+Nej\s+1\. februar 2027\s+15\. januar 2027\s+Til rådighed$/);
    // The status filter and the export follow the choice.
    await page.getByRole('combobox', { name: 'Status' }).selectOption('returneret');
    await expect.poll(() => page.getByText('Ingen boliger med den status.').count()).toBe(1);
    expect(await page.getByRole('link', { name: /^Eksportér CSV/ }).getAttribute('href')).toBe(`/api/anvisning/ledige?kommunekode=${DEMO}&status=returneret&format=csv`);
    await finish();

    const own = await api(org, `anvisning/ledige?kommunekode=${DEMO}`);
    expect(own.items.map((l: { adresse: string }) => l.adresse).sort()).toEqual(['Demovej 3, 2. tv.', NEW_ADDRESS]);

    // Another organisation: its own vacancy, not the first organisation's.
    const other = await openPage(org2);
    await open(other.page, '/anvisning/ledige', 'Ledige boliger');
    const t2 = other.page.getByRole('table', { name: `Ledige boliger i ${KOMMUNE}` });
    await rowOf(t2, 'Demoparken 5, 1.').waitFor();
    expect(await text(t2)).not.toMatch(/Rønneparken|Demovej/);
    expect((await api(org2, `anvisning/ledige?kommunekode=${DEMO}`)).items.every((l: { boligorganisation_navn: string }) => l.boligorganisation_navn === org2Name)).toBe(true);
    await other.finish();

    // A vacancy opened by its address (the page reads it by id): its own opens; another organisation's is not found
    // (404, as one that does not exist - not 403, so its existence does not leak).
    type L = { id: number; adresse: string };
    const theirs = (await api(org2, `anvisning/ledige?kommunekode=${DEMO}`)).items.find((l: L) => l.adresse === 'Demoparken 5, 1.') as L;
    const mine = own.items.find((l: L) => l.adresse === NEW_ADDRESS) as L;
    expect((await org.context.request.get(`${app.url}/api/anvisning/ledige/${theirs.id}`)).status()).toBe(404);
    expect((await org2.context.request.get(`${app.url}/api/anvisning/ledige/${theirs.id}`)).status()).toBe(200);
    const byUrl = await openPage(org);
    byUrl.allowConsoleError(/status of 404/);
    await open(byUrl.page, `/anvisning/ledige/${theirs.id}`, 'Boligen findes ikke');
    expect(await text(byUrl.page.getByRole('main'))).toContain(`Der er ingen ledig bolig nr. ${theirs.id}, som du kan se.`);
    expect(await text(byUrl.page.getByRole('main'))).not.toContain('Demoparken');
    await expectNoAxeViolations(byUrl.page, 'Boligen findes ikke');
    await open(byUrl.page, `/anvisning/ledige/${mine.id}`, NEW_ADDRESS);
    expect(await text(byUrl.page.getByRole('region', { name: 'Boligen' }))).toMatch(/Afdeling\s+Rønnehøj[\s\S]*Husleje pr\. måned\s+3\.900 kr\./);
    await byUrl.finish();
  });

  it('Samlet tildeling: a proposal for a date with the decision and its reason for every vacancy and applicant; nothing is written', async () => {
    const { page, finish } = await openPage(anvisning);
    await open(page, '/anvisning/tildeling', 'Samlet tildeling');
    expect(await tabs(page)).toEqual(['Sager', 'Ledige boliger', 'Samlet tildeling', 'Krav og saldo', 'Billige boliger', 'Statistik']);
    await page.getByRole('heading', { name: 'Kun et forslag – intet gemmes' }).waitFor();
    await page.getByRole('textbox', { name: 'Fordel pr.' }).fill(JUDGE);
    await page.getByRole('button', { name: 'Lav forslag' }).click();
    const region = page.getByRole('region', { name: 'Forslag pr. 10. december 2026' });
    await region.waitFor();
    expect(await text(region)).toContain('2 husstande af 3 får en bolig med 3 ledige boliger.');

    // The reasons name the cases by number and initials and the dwellings by address and afdeling, not by their ids.
    const sagNr = Object.fromEntries(((await api(anvisning, `ansoegere?kommunekode=${DEMO}`)).items as { id: number; navn: string }[]).map((a) => [a.navn, a.id]));
    const jensen = `sag nr. ${sagNr['Demo Ansøger Jensen']}, D.A.J.`;
    const nielsen = `sag nr. ${sagNr['Demo Ansøger Nielsen']}, D.A.N.`;
    const hansen = `Sag nr. ${sagNr['Demo Ansøger Hansen']}, D.A.H.`;
    const boliger = page.getByRole('region', { name: 'Boligerne' }).getByRole('table');
    expect(await texts(boliger.getByRole('columnheader'))).toEqual(['Bolig', 'Afdeling', 'Forslag', 'Egnede ansøgere', 'Begrundelse']);
    expect(await text(rowOf(boliger, NEW_ADDRESS))).toMatch(new RegExp(`^${esc(NEW_ADDRESS)}\\s+Rønnehøj\\s+Tildeles\\s+S${esc(jensen.slice(1))}\\s+1\\s+Tildelt ${esc(jensen)} \\(prioritet 1, .*\\)\\. 1 egnet ansøger; ingen andre var egnede\\.$`));
    expect(await text(rowOf(boliger, 'Demoparken 5, 1.'))).toMatch(new RegExp(`Tildeles\\s+S${esc(nielsen.slice(1))}\\s+2\\s+Tildelt ${esc(nielsen)} \\(prioritet 2, .*\\)\\. 2 egnede ansøgere; ${esc(nielsen)} havde den højeste rang af dem\\.$`));
    expect(await text(rowOf(boliger, 'Demovej 3, 2. tv.'))).toMatch(/^Demovej 3, 2\. tv\.\s+Agerhøj\s+Ingen egnet ansøger\s+0\s+Ikke tildelt: ingen af de 3 ansøgere er egnede – .*for dyr/);
    await boliger.getByRole('link', { name: `S${jensen.slice(1)}` }).waitFor();
    const ansoegere = page.getByRole('region', { name: 'Ansøgerne' }).getByRole('table');
    expect(await ansoegere.locator('tbody tr').count()).toBe(3);
    expect(await text(rowOf(ansoegere, hansen))).toMatch(new RegExp(`^3\\s+${esc(hansen)}\\s+Boligerne gik til højere rang\\s+1\\s+Ingen bolig: egnet til 1 bolig .*men alle gik til husstande med højere rang`));
    expect(await text(rowOf(ansoegere, 'D.A.J.'))).toMatch(/^1\s+Sag nr\. \d+, D\.A\.J\.\s+Får bolig\s+Rønneparken 7, 1\. th\. \(Rønnehøj\)\s+1\s+Tildelt Rønneparken 7, 1\. th\. \(2 vær\., 55 m², 3\.900 kr\.\/md\., Rønnehøj\): prioritet 1/);
    // The proposal covers every open case: names are masked to initials; the case's page has the rest.
    expect(await text(page.getByRole('main'))).not.toContain('Demo Ansøger');
    await expectNoAxeViolations(page, 'Samlet tildeling');
    await ansoegere.getByRole('link', { name: hansen }).click();
    await page.getByRole('heading', { level: 1, name: 'Demo Ansøger Hansen' }).waitFor();
    await settled(page);
    await finish();
    // A proposal only: no offer, every vacancy as it was.
    expect((await api(anvisning, 'anvisning/tilbud')).items).toEqual([]);
    expect((await api(anvisning, `anvisning/ledige?kommunekode=${DEMO}&status=tilbudt`)).total).toBe(3);
  });

  it('a case: the dwellings that fit, judged as the candidates are (verdict, reasons with paragraph, net rent against the maximum, the boligstøtte note), with a link to the vacancy where the offer is made', async () => {
    const { page, finish } = await openPage(anvisning);
    const reads: string[] = [];
    page.on('request', (r) => r.method() === 'GET' && reads.push(new URL(r.url()).pathname));
    await open(page, '/anvisning/sager', 'Sager');
    await page.getByRole('table', { name: `Sager i ${KOMMUNE}` }).getByRole('link', { name: 'Demo Ansøger Jensen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demo Ansøger Jensen' }).waitFor();
    await settled(page);
    const id = new URL(page.url()).pathname.split('/').pop();
    const boliger = page.getByRole('region', { name: 'Boliger der passer' });
    const dato = boliger.getByRole('textbox', { name: 'Vurdér pr. (valgfrit)' });

    // On 10 December 2026: the three open dwellings, the one that fits first; the same net rent as in its candidate list.
    await dato.fill(JUDGE);
    await boliger.getByRole('button', { name: 'Vurdér boligerne' }).click();
    const now = boliger.getByRole('table', { name: 'Ledige boliger vurderet til sagen pr. 10. december 2026' });
    await now.waitFor();
    expect(await texts(now.getByRole('columnheader'))).toEqual(['Rang', 'Bolig', 'Vurdering', 'Husleje efter anslået boligstøtte', 'Husstandens maksimum', 'Begrundelse']);
    expect(await text(boliger)).toContain('Vurderet pr. 10. december 2026: 1 egnet, 0 ikke afgjort, 2 udelukket.');
    const rows = await texts(now.locator('tbody tr'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^1\s+Rønneparken 7, 1\. th\.\s+Rønnehøj, 2 vær\., 55 m², husleje 3\.900 kr\.\s+Ledig fra 1\. februar 2027, svarfrist 15\. januar 2027\s+Egnet\s+3\.315 kr\.\s+3\.650 kr\.\s+Opfylder lovens betingelser, behovet og betalingsevnen\.$/);
    expect(await text(rowOf(now, 'Demovej 3, 2. tv.'))).toMatch(/^–\s+Demovej 3, 2\. tv\.\s+Agerhøj, 2 vær\., 58 m², husleje 4\.350 kr\.[\s\S]*Udelukket\s+[\d.]+ kr\.\s+3\.650 kr\.\s+Betalingsevne: /);
    expect(rows.slice(1).every((r) => /^–\s/.test(r) && r.includes('Udelukket'))).toBe(true);
    expect(await text(boliger)).not.toContain('Skønnet med'); // the 2026 satser on a 2026 date: no note
    await expectNoAxeViolations(page, 'en sag med boliger der passer');

    // On 1 December 2025 the area's 2024 list applies: the dwelling in Rønnehøj is closed to the household by § 59, stk. 6.
    await dato.fill('2025-12-01');
    await boliger.getByRole('button', { name: 'Vurdér boligerne' }).click();
    const old = boliger.getByRole('table', { name: 'Ledige boliger vurderet til sagen pr. 1. december 2025' });
    await old.waitFor();
    const ronne = rowOf(old, NEW_ADDRESS);
    expect(await text(ronne)).toMatch(/Udelukket/);
    expect(await text(ronne)).toContain('Loven (§ 59, stk. 6): Ansøger har modtaget kontanthjælp i 11 sammenhængende kalendermåneder (januar 2025 - november 2025), mindst 6.');
    expect(await text(ronne)).toContain('Udsat boligområde');
    expect(await text(boliger)).toContain('Vurderet pr. 1. december 2025: 0 egnet');

    // On 1 January 2027 the boligstøtte is estimated with the 2026 satser, and the page says so (decision 021).
    await dato.fill('2027-01-01');
    await boliger.getByRole('button', { name: 'Vurdér boligerne' }).click();
    const jan = boliger.getByRole('table', { name: 'Ledige boliger vurderet til sagen pr. 1. januar 2027' });
    await jan.waitFor();
    expect(await text(boliger)).toContain('Boligstøtte: Skønnet med 2026-satserne; satserne for 2027 er ikke indlæst i Almen.');
    expect(await text(rowOf(jan, NEW_ADDRESS))).toMatch(/^1\s[\s\S]*Egnet\s+3\.315 kr\.\s+3\.650 kr\./);
    // Only this case is read for it (the read is logged for the case).
    expect(reads.filter((u) => u.endsWith('/boliger'))).not.toHaveLength(0);
    expect(reads.filter((u) => u.endsWith('/boliger')).every((u) => u === `/api/ansoegere/${id}/boliger`)).toBe(true);
    expect(reads.some((u) => u.endsWith('/kandidater'))).toBe(false);

    // The link opens the vacancy, where the offer is made, judged on the same date.
    await rowOf(jan, NEW_ADDRESS).getByRole('link', { name: NEW_ADDRESS }).click();
    await page.getByRole('heading', { level: 1, name: NEW_ADDRESS }).waitFor();
    await settled(page);
    const kandidater = page.getByRole('region', { name: 'Kandidater' });
    await kandidater.getByRole('table', { name: `Kandidater til ${NEW_ADDRESS} pr. 1. januar 2027` }).getByRole('button', { name: 'Tilbyd boligen til Demo Ansøger Jensen' }).waitFor();
    await finish();
    // A reading only: no offer was made.
    expect((await api(anvisning, 'anvisning/tilbud')).items).toEqual([]);
  });

  it('a vacancy: the ranked candidates with every reason and paragraph, a legal refusal in Danish, an offer with its warning, a refusal, then an acceptance that uses the vacancy and closes the case', async () => {
    const { page, allowConsoleError, finish } = await openPage(anvisning);
    allowConsoleError(/status of 409/); // the server refuses the offer the law does not allow
    await open(page, '/anvisning/ledige', 'Ledige boliger');
    await page.getByRole('table', { name: `Ledige boliger i ${KOMMUNE}` }).getByRole('link', { name: NEW_ADDRESS }).click();
    await page.getByRole('heading', { level: 1, name: NEW_ADDRESS }).waitFor();
    await settled(page);
    const kandidater = page.getByRole('region', { name: 'Kandidater' });
    const dato = kandidater.getByRole('textbox', { name: 'Vurdér pr.' });

    // On 1 December 2025 the area's list of 2024 applies: udsat and parallelsamfund exclude long-term benefits (§ 59, stk. 6).
    await dato.fill('2025-12-01');
    await kandidater.getByRole('button', { name: 'Vurdér' }).click();
    const old = kandidater.getByRole('table', { name: `Kandidater til ${NEW_ADDRESS} pr. 1. december 2025` });
    await old.waitFor();
    expect(await text(kandidater)).toContain('Området er Udsat boligområde, Parallelsamfund og Forebyggelsesområde.');
    const jensenOld = rowOf(old, 'Demo Ansøger Jensen');
    expect(await text(jensenOld)).toContain('Loven (§ 59, stk. 6): Ansøger har modtaget kontanthjælp i 11 sammenhængende kalendermåneder (januar 2025 - november 2025), mindst 6.');
    expect(await text(jensenOld)).toContain('Udelukket');
    await jensenOld.getByRole('button', { name: 'Tilbyd boligen til Demo Ansøger Jensen' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Boligen er ikke tilbudt Demo Ansøger Jensen' });
    await refused.waitFor();
    expect(await text(refused)).toContain('Ansøgeren må ikke anvises til boligen: § 59, stk. 6: Ansøger har modtaget kontanthjælp i 11 sammenhængende kalendermåneder');

    // On 1 January 2027 (the day the demo's vacancies fall vacant) the 2027 boligstøtte satser are not entered: the
    // estimate uses the 2026 satser and the list says so (decision 021), instead of "ikke afgjort" for everyone.
    await dato.fill('2027-01-01');
    await kandidater.getByRole('button', { name: 'Vurdér' }).click();
    const jan = kandidater.getByRole('table', { name: `Kandidater til ${NEW_ADDRESS} pr. 1. januar 2027` });
    await jan.waitFor();
    expect(await text(kandidater)).toContain('Boligstøtte: Skønnet med 2026-satserne; satserne for 2027 er ikke indlæst i Almen.');
    expect(await text(kandidater)).toContain('Vurderet pr. 1. januar 2027: 1 egnet, 0 ikke afgjort, 2 udelukket.');
    const janRows = await texts(jan.locator('tbody tr'));
    // The same net rents as on 10 December 2026 below (the 2026 satser, the same facts).
    expect(janRows[0]).toMatch(/^1\s+Demo Ansøger Jensen\s+.*\s+Egnet\s+3\.315 kr\.\s+3\.650 kr\.\s+Opfylder lovens betingelser, behovet og betalingsevnen\./);
    expect(janRows[1]).toMatch(/^–\s+Demo Ansøger Nielsen\s+[\s\S]*Udelukket\s+2\.990 kr\.\s+7\.800 kr\./);

    // On 10 December 2026 (no list for 2025 in the demo): ranked by priority and waiting time, net rent against the maximum.
    await dato.fill(JUDGE);
    await kandidater.getByRole('button', { name: 'Vurdér' }).click();
    const now = kandidater.getByRole('table', { name: `Kandidater til ${NEW_ADDRESS} pr. 10. december 2026` });
    await now.waitFor();
    expect(await text(kandidater)).toContain('Vurderet pr. 10. december 2026: 1 egnet, 0 ikke afgjort, 2 udelukket. Området er ikke på en liste.');
    const rows = await texts(now.locator('tbody tr'));
    expect(rows[0]).toMatch(/^1\s+Demo Ansøger Jensen\s+Hjemløse, prioritet 1 – akut, ansøgt 4\. maj 2026\s+Egnet\s+3\.315 kr\.\s+3\.650 kr\.\s+Opfylder lovens betingelser, behovet og betalingsevnen\./);
    expect(rows[1]).toMatch(/^–\s+Demo Ansøger Nielsen\s+Flygtninge, prioritet 2 – snarest, ansøgt 16\. februar 2026\s+Udelukket\s+2\.990 kr\.\s+7\.800 kr\.\s+Behov: For få værelser: 2, behov mindst 3\./);
    expect(rows[2]).toMatch(/Demo Ansøger Hansen[\s\S]*Behov: Husstanden har brug for en tilgængelig bolig\./);
    expect(await text(kandidater)).not.toContain('Skønnet med'); // the 2026 satser on a 2026 date: no note
    await expectNoAxeViolations(page, 'en ledig bolig med kandidater');

    // An offer the need speaks against is made with the warning; the applicant refuses.
    await rowOf(now, 'Demo Ansøger Nielsen').getByRole('button', { name: 'Tilbyd boligen til Demo Ansøger Nielsen' }).click();
    const warned = page.getByRole('alert').filter({ hasText: 'Boligen er tilbudt Demo Ansøger Nielsen – bemærk:' });
    await warned.waitFor();
    expect(await text(warned)).toContain('Behov: For få værelser: 2, behov mindst 3.');
    const tilbud = page.getByRole('region', { name: 'Tilbud på boligen' }).getByRole('table');
    await rowOf(tilbud, 'Demo Ansøger Nielsen').getByText('Afventer svar').waitFor();
    expect(await now.getByRole('button', { name: /^Tilbyd/ }).count()).toBe(0); // one offer at a time
    await rowOf(tilbud, 'Demo Ansøger Nielsen').getByRole('button', { name: 'Registrér svar fra Demo Ansøger Nielsen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Svar fra Demo Ansøger Nielsen' });
    await dialog.getByRole('button', { name: 'Registrér svaret' }).click();
    await dialog.getByText('Vælg ansøgerens svar.').waitFor();
    await dialog.getByRole('radio', { name: 'Afslået' }).check();
    await dialog.getByRole('button', { name: 'Registrér svaret' }).click();
    await dialog.getByText('Vælg hvorfor tilbuddet blev afslået.').waitFor();
    await expectNoAxeViolations(page, 'svar på et tilbud (dialog med fejl)');
    await dialog.getByRole('combobox', { name: 'Hvorfor blev tilbuddet afslået?' }).selectOption({ label: 'Størrelse' });
    await dialog.getByRole('button', { name: 'Registrér svaret' }).click();
    await page.getByRole('status').filter({ hasText: 'Demo Ansøger Nielsen har afslået Rønneparken 7, 1. th. (størrelse). Boligen kan tilbydes den næste.' }).waitFor();
    await expect.poll(() => text(rowOf(tilbud, 'Demo Ansøger Nielsen'))).toMatch(/Afslået\s+Størrelse/);

    // The first in rank accepts with a lease start: the vacancy is used and the case closed.
    await rowOf(now, 'Demo Ansøger Jensen').getByRole('button', { name: 'Tilbyd boligen til Demo Ansøger Jensen' }).click();
    await page.getByRole('status').filter({ hasText: 'Boligen er tilbudt Demo Ansøger Jensen. Registrér svaret, når det kommer.' }).waitFor();
    await rowOf(tilbud, 'Demo Ansøger Jensen').getByRole('button', { name: 'Registrér svar fra Demo Ansøger Jensen' }).click();
    const accept = page.getByRole('dialog', { name: 'Svar fra Demo Ansøger Jensen' });
    await accept.getByRole('radio', { name: 'Accepteret' }).check();
    await accept.getByRole('textbox', { name: 'Lejestart' }).fill('2027-02-01');
    await accept.getByRole('button', { name: 'Registrér svaret' }).click();
    await page.getByRole('status').filter({ hasText: 'Demo Ansøger Jensen har accepteret Rønneparken 7, 1. th. med lejestart 1. februar 2027. Boligen er brugt, og sagen er lukket.' }).waitFor();
    const boligen = page.getByRole('region', { name: 'Boligen', exact: true });
    await expect.poll(() => text(boligen)).toMatch(/Status\s+Brugt/);
    expect(await boligen.getByRole('button', { name: 'Returnér boligen' }).count()).toBe(0);
    await expect.poll(() => text(rowOf(tilbud, 'Demo Ansøger Jensen'))).toMatch(/Accepteret\s+Lejestart 1\. februar 2027; 273 dage fra ansøgning til lejestart/);
    await finish();

    // The case is closed: not among the open cases; its page shows the accepted offer.
    const p2 = await openPage(anvisning);
    await open(p2.page, '/anvisning/sager', 'Sager');
    const sager = p2.page.getByRole('table', { name: `Sager i ${KOMMUNE}` });
    await rowOf(sager, 'Demo Ansøger Nielsen').waitFor();
    expect(await text(sager)).not.toContain('Demo Ansøger Jensen');
    await p2.page.getByRole('combobox', { name: 'Vis sager' }).selectOption('lukket');
    await rowOf(sager, 'Demo Ansøger Jensen').getByText('Lukket', { exact: true }).waitFor();
    await sager.getByRole('link', { name: 'Demo Ansøger Jensen' }).click();
    await p2.page.getByRole('heading', { level: 1, name: 'Demo Ansøger Jensen' }).waitFor();
    await settled(p2.page);
    expect(await text(p2.page.getByRole('region', { name: 'Ansøgeren' }))).toMatch(/Status\s+Lukket/);
    expect(await text(p2.page.getByRole('region', { name: 'Tilbud', exact: true }))).toMatch(/Rønneparken 7, 1\. th\.[\s\S]*Accepteret\s+Lejestart 1\. februar 2027/);
    expect(await p2.page.getByRole('button', { name: 'Ret sagsoplysninger' }).count()).toBe(0);
    expect(await p2.page.getByRole('region', { name: 'Boliger der passer' }).count()).toBe(0); // a closed case is not judged
    await p2.finish();
  });

  it('returning a vacancy as too expensive (the reason asked for first) shows in the statistics, with the year as PDF and Excel', async () => {
    const { page, finish } = await openPage(anvisning);
    await open(page, '/anvisning/statistik', 'Statistik');
    const retur = page.getByRole('region', { name: 'Boliger sendt retur og hvorfor' });
    const returTable = retur.getByRole('table', { name: `Returnerede boliger ${YEAR} efter grund` });
    expect(await texts(returTable.locator('tbody tr'))).toEqual(['For dyr\t1', 'I alt\t1']);

    await open(page, '/anvisning/ledige', 'Ledige boliger');
    await page.getByRole('link', { name: 'Demovej 3, 2. tv.' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demovej 3, 2. tv.' }).waitFor();
    await settled(page);
    await page.getByRole('region', { name: 'Boligen', exact: true }).getByRole('button', { name: 'Returnér boligen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Returnér boligen?' });
    await dialog.getByRole('button', { name: 'Returnér boligen' }).click();
    await dialog.getByText('Vælg hvorfor boligen returneres.').waitFor();
    await expectNoAxeViolations(page, 'Returnér boligen (dialog med fejl)');
    await dialog.getByRole('combobox', { name: 'Hvorfor returneres boligen?' }).selectOption({ label: 'For dyr' });
    await dialog.getByRole('textbox', { name: 'Bemærkning (valgfrit)' }).fill('4.350 kr. er over betalingsevnen for de ventende.');
    await dialog.getByRole('button', { name: 'Returnér boligen' }).click();
    await page.getByRole('status').filter({ hasText: 'Demovej 3, 2. tv. er returneret til Almene Boliger Rønnehøj: for dyr.' }).waitFor();
    const boligen = page.getByRole('region', { name: 'Boligen', exact: true });
    await expect.poll(() => text(boligen)).toMatch(/Status\s+Returneret\s+For dyr/);
    expect(await text(boligen)).toContain('Returneret fordi\nFor dyr: 4.350 kr. er over betalingsevnen for de ventende.');

    await open(page, '/anvisning/statistik', 'Statistik');
    await expect.poll(() => texts(returTable.locator('tbody tr'))).toEqual(['For dyr\t2', 'I alt\t2']);
    expect(await text(page.getByRole('region', { name: `${KOMMUNE} ${YEAR}` }))).toMatch(/Boliger sendt retur\s+2/);
    expect(await page.getByRole('link', { name: /^Eksportér PDF/ }).getAttribute('href')).toBe(`/api/anvisning/statistik?kommunekode=${DEMO}&aar=${YEAR}&format=pdf`);
    const xlsx = await anvisning.context.request.get(app.url + (await page.getByRole('link', { name: /^Eksportér Excel/ }).getAttribute('href'))!);
    expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await expectNoAxeViolations(page, 'Statistik');

    // The acceptance above counts in the year of its lease start; one lease is under the suppression limit of 5
    // (decision 005): the count, the target group's count and the waiting time are hidden.
    await page.getByRole('combobox', { name: 'År' }).selectOption('2027');
    const overblik = page.getByRole('region', { name: `${KOMMUNE} 2027` });
    await overblik.waitFor();
    expect(await text(overblik)).not.toMatch(/Anvisninger \(lejestart i året\)\s+1\b/);
    expect(await text(overblik)).toMatch(/Ventetid, median\s+skjult: færre end 5 anvisninger/);
    const groups = await texts(page.getByRole('table', { name: 'Anvisninger 2027 efter målgruppe' }).locator('tbody tr'));
    expect(groups.map((r) => r.split('\t')[0])).toEqual(['Hjemløse', 'I alt']);
    expect(groups.join(' ')).not.toMatch(/\t1/);
    await finish();
  });

  it('a case: household, benefits month by month, an edit with a Danish error at the field and then saved, the journal, and a temporary tool', async () => {
    const { page, finish } = await openPage(anvisning);
    const requests: string[] = [];
    page.on('request', (r) => r.method() === 'GET' && requests.push(r.url()));
    await open(page, '/anvisning/sager', 'Sager');
    await page.getByRole('table', { name: `Sager i ${KOMMUNE}` }).getByRole('link', { name: 'Demo Ansøger Hansen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demo Ansøger Hansen' }).waitFor();
    await settled(page);
    const ansoeger = page.getByRole('region', { name: 'Ansøgeren' });
    expect(await text(ansoeger)).toMatch(/CPR-nummer\s+221167-\*\*\*\*/);
    expect(await text(ansoeger)).toMatch(/Målgruppe\s+Handicappede/);
    expect(await text(ansoeger)).toMatch(/Prioritet\s+2 – snarest/);
    expect(await text(ansoeger)).toMatch(/Ansøgt\s+10\. august 2026/);
    const husstand = page.getByRole('table', { name: 'Husstandens medlemmer (1 person)' });
    expect(await texts(husstand.getByRole('columnheader'))).toEqual(['Medlem', 'Rolle', 'Alder', 'Fødselsdato', 'Statsborger i EU/EØS/Schweiz', 'Studerende', 'Øvrige oplysninger']);
    expect(await text(husstand.locator('tbody tr'))).toMatch(new RegExp(`^Ansøger\\s+Ansøger\\s+${ageToday('1967-11-22')} år\\s+22\\. november 1967\\s+Ja\\s+Nej\\s+løsladelser: ingen; ophævede lejemål: ingen$`));
    const grid = page.getByRole('table', { name: 'Ansøger: oplyst januar 2025 – december 2026' });
    // The code is shown, the benefit's name read aloud.
    expect(await grid.getByRole('row', { name: /^2025/ }).getByRole('cell').allTextContents()).toEqual(Array(12).fill('FPførtidspension'));
    expect(await text(page.getByRole('region', { name: 'Indkomst og behov' }))).toMatch(/Husstandsindkomst pr\. år\s+228\.000 kr\.[\s\S]*Værelser\s+2–3[\s\S]*Tilgængelig bolig\s+Har brug for en tilgængelig bolig/);
    await expectNoAxeViolations(page, 'en sag');

    // Edit: fewer rooms at most than at least is refused at the field, in Danish.
    await page.getByRole('button', { name: 'Ret sagsoplysninger' }).click();
    const form = page.getByRole('form', { name: 'Sagsoplysninger' });
    await form.getByRole('textbox', { name: 'Mindst antal værelser' }).fill('3');
    await form.getByRole('textbox', { name: 'Højst antal værelser' }).fill('2');
    await form.getByRole('button', { name: 'Gem sagsoplysninger' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Sagsoplysningerne er ikke gemt' });
    expect(await texts(summary.getByRole('link'))).toEqual(['Højst antal værelser kan ikke være færre end mindst antal (3).']);
    const max = form.getByRole('textbox', { name: 'Højst antal værelser' });
    expect(await max.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.form-error-message').allTextContents()).toEqual(['Fejl: Højst antal værelser kan ikke være færre end mindst antal (3).']);
    expect(await max.getAttribute('aria-describedby')).toMatch(/-error$/);
    await expectNoAxeViolations(page, 'ret sagen med fejl');
    await max.fill('3');
    await form.getByRole('textbox', { name: 'Sagsbehandler (valgfrit)' }).fill('Sara Sagsbehandler');
    await form.getByRole('button', { name: 'Tilføj medlem' }).click();
    const child = form.getByRole('group', { name: 'Medlem 2: Barn' });
    await child.getByRole('textbox', { name: 'Alder (når fødselsdatoen ikke kendes)' }).fill('7');
    await child.getByRole('combobox', { name: 'Statsborger i EU/EØS/Schweiz' }).selectOption({ label: 'Ja' });
    await form.getByRole('button', { name: 'Gem sagsoplysninger' }).click();
    await page.getByRole('status').filter({ hasText: 'Sagsoplysningerne er gemt.' }).waitFor();
    const saved = page.getByRole('table', { name: 'Husstandens medlemmer (2 personer)' });
    expect(await text(rowOf(saved, 'Barn'))).toMatch(/^Barn\s+Barn\s+7 år\s+ikke oplyst\s+Ja\s+Ikke oplyst/);
    expect(await text(page.getByRole('region', { name: 'Indkomst og behov' }))).toMatch(/Værelser\s+3\n/);
    expect(await text(ansoeger)).toMatch(/Sagsbehandler\s+Sara Sagsbehandler/);
    const sag = (await api(anvisning, `ansoegere/${new URL(page.url()).pathname.split('/').pop()}/sag`)).sag;
    expect([sag.vaerelser_min, sag.vaerelser_max, sag.antal_personer, sag.antal_boern, sag.husstand.medlemmer[0].ydelser.maaneder.length]).toEqual([3, 3, 2, 1, 24]);

    // The journal: the save is there; an entry is asked for, then added on top.
    const journal = page.getByRole('region', { name: 'Journal' });
    const entries = journal.getByRole('table', { name: 'Journal, nyeste først' });
    await expect.poll(() => text(entries.locator('tbody tr').first())).toMatch(/anvisning\s+Sagsoplysninger opdateret/);
    await journal.getByRole('button', { name: 'Skriv i journalen' }).click();
    await journal.getByRole('alert').filter({ hasText: 'Notatet er ikke gemt' }).getByRole('link', { name: 'Skriv hvad der skete.' }).waitFor();
    await journal.getByRole('textbox', { name: 'Hændelse' }).fill('Samtale med ansøger');
    await journal.getByRole('textbox', { name: 'Notat (valgfrit)' }).fill('Ønsker stueetage; kan flytte fra 1. februar.');
    await journal.getByRole('button', { name: 'Skriv i journalen' }).click();
    await journal.getByRole('status').filter({ hasText: 'Journalnotatet er gemt.' }).waitFor();
    await expect.poll(() => text(entries.locator('tbody tr').first())).toMatch(/anvisning\s+Samtale med ansøger\s+Ønsker stueetage; kan flytte fra 1\. februar\.$/);

    // A temporary rent subsidy with an end and a follow-up; then closed.
    const tools = page.getByRole('region', { name: 'Midlertidige ordninger' });
    const toolForm = tools.getByRole('form', { name: 'Opret en midlertidig ordning' });
    await toolForm.getByRole('combobox', { name: 'Ordning' }).selectOption({ label: 'Midlertidigt huslejetilskud' });
    await toolForm.getByRole('button', { name: 'Opret ordningen' }).click();
    await tools.getByRole('alert').filter({ hasText: 'Ordningen er ikke oprettet' }).getByRole('link', { name: 'Skriv tilskuddet i kr. pr. måned, fx 500.' }).waitFor();
    await toolForm.getByRole('textbox', { name: 'Tilskud pr. måned (kr.)' }).fill('750');
    await toolForm.getByRole('textbox', { name: 'Fra', exact: true }).fill('2026-12-01');
    await toolForm.getByRole('textbox', { name: 'Til (slutdato)' }).fill('2027-11-30');
    await toolForm.getByRole('textbox', { name: 'Opfølgning (valgfrit)' }).fill('2027-06-01');
    await toolForm.getByRole('textbox', { name: 'Hvad sker der ved udløb? (valgfrit)' }).fill('Vurdér om huslejen kan bæres uden tilskud.');
    await toolForm.getByRole('button', { name: 'Opret ordningen' }).click();
    await tools.getByRole('status').filter({ hasText: 'Midlertidigt huslejetilskud er oprettet.' }).waitFor();
    const toolTable = tools.getByRole('table', { name: 'Sagens midlertidige ordninger' });
    await expect.poll(() => text(toolTable.locator('tbody tr'))).toMatch(/^Midlertidigt huslejetilskud\s+750 kr\.\s+1\. december 2026 – 30\. november 2027\s+.*\s+1\. juni 2027\s+Vurdér om huslejen kan bæres uden tilskud\.\s+Aktiv\s+Afslut/);
    await expectNoAxeViolations(page, 'en sag med journal og ordning');
    await toolTable.getByRole('button', { name: /^Afslut/ }).click();
    await page.getByRole('dialog', { name: 'Afslut ordningen?' }).getByRole('button', { name: 'Afslut ordningen' }).click();
    await tools.getByRole('status').filter({ hasText: 'Midlertidigt huslejetilskud er afsluttet.' }).waitFor();
    await expect.poll(() => text(toolTable.locator('tbody tr'))).toMatch(/Afsluttet\s*$/);
    // The page asks for this case's tools only (the read is logged for the case), never for every case's.
    const id = new URL(page.url()).pathname.split('/').pop();
    const toolReads = requests.filter((u) => new URL(u).pathname === '/api/anvisning/midlertidige');
    expect(toolReads.length).toBeGreaterThan(0);
    expect(toolReads.every((u) => new URL(u).searchParams.get('ansoeger_id') === id)).toBe(true);
    await finish();
  });

  it('claims: an organisation registers one for its vacancy, the municipality approves up to the claim, pays and rejects; the balance follows, and another organisation sees none of it', async () => {
    const o = await openPage(org);
    // The claims and the balance of the chosen municipality.
    const kravRead = o.page.waitForRequest((r) => new URL(r.url()).pathname === '/api/anvisning/krav' && r.method() === 'GET');
    await open(o.page, '/anvisning/krav', 'Krav og saldo');
    expect(new URL((await kravRead).url()).searchParams.get('kommunekode')).toBe(DEMO);
    const saldo = (p: Page) => p.getByRole('region', { name: 'Saldo pr. boligorganisation' }).getByRole('table');
    expect(await text(rowOf(saldo(o.page), ORG))).toBe(`${ORG}\t4.350 kr.\t4.350 kr.\t0 kr.\t0 kr.\t0 kr.`);
    const form = o.page.getByRole('form', { name: 'Registrér et krav' });
    await form.getByRole('button', { name: 'Send kravet til kommunen' }).click();
    expect(await texts(o.page.getByRole('alert').filter({ hasText: 'Kravet er ikke registreret' }).getByRole('link'))).toEqual(['Vælg hvad kravet gælder.', 'Skriv beløbet i kr., fx 4.350.']);
    await expectNoAxeViolations(o.page, 'Krav og saldo (organisation, med fejl)');
    await form.getByRole('combobox', { name: 'Kravet gælder' }).selectOption({ label: 'Istandsættelse ved fraflytning' });
    await form.getByRole('textbox', { name: 'Beløb (kr.)' }).fill('12.500');
    await form.getByRole('textbox', { name: 'Periode fra (valgfrit)' }).fill('2026-11-01');
    await form.getByRole('textbox', { name: 'Periode til (valgfrit)' }).fill('2026-11-30');
    await form.getByRole('combobox', { name: 'Bolig', exact: true }).selectOption({ label: 'Demovej 3, 2. tv. (Agerhøj)' });
    await form.getByRole('textbox', { name: 'Beskrivelse (valgfrit)' }).fill('Maling og gulvbehandling efter fraflytning.');
    await form.getByRole('button', { name: 'Send kravet til kommunen' }).click();
    await o.page.getByRole('status').filter({ hasText: 'Krav nr. 2 på 12.500 kr. (istandsættelse ved fraflytning) er sendt til kommunen.' }).waitFor();
    await expect.poll(() => text(rowOf(saldo(o.page), ORG))).toBe(`${ORG}\t16.850 kr.\t16.850 kr.\t0 kr.\t0 kr.\t0 kr.`);
    const kravTable = (p: Page) => p.getByRole('region', { name: 'Krav', exact: true }).getByRole('table');
    expect(await text(rowOf(kravTable(o.page), 'Nr. 2'))).toMatch(/^Nr\. 2\s+Almene Boliger Rønnehøj\s+Istandsættelse ved fraflytning\s+Demovej 3, 2\. tv\.\s+1\. november 2026 – 30\. november 2026\s+12\.500 kr\.\s+Til behandling/);
    expect(await o.page.getByRole('button', { name: /^Godkend/ }).count()).toBe(0); // the organisation does not decide
    await o.finish();

    // Another organisation sees no claim of the first.
    const o2 = await openPage(org2);
    await open(o2.page, '/anvisning/krav', 'Krav og saldo');
    await o2.page.getByRole('region', { name: 'Saldo pr. boligorganisation' }).getByText('Ingen krav endnu.').waitFor();
    expect(await text(o2.page.getByRole('main'))).not.toContain(ORG);
    await o2.finish();

    // The municipality (boligkontor): approve up to the claim, pay; reject the other with a reason.
    const k = await openPage(kontor);
    await open(k.page, '/anvisning/krav', 'Krav og saldo');
    expect(await tabs(k.page)).toEqual(['Ledige boliger', 'Krav og saldo', 'Billige boliger', 'Statistik']);
    expect(await k.page.getByRole('form', { name: 'Registrér et krav' }).count()).toBe(0);
    await rowOf(kravTable(k.page), 'Nr. 2').getByRole('button', { name: 'Godkend krav nr. 2' }).click();
    const godkend = k.page.getByRole('dialog', { name: 'Godkend kravet' });
    const beloeb = godkend.getByRole('textbox', { name: 'Godkendt beløb (kr.)' });
    expect(await beloeb.inputValue()).toBe('12.500');
    await beloeb.fill('13.000');
    await godkend.getByRole('button', { name: 'Godkend' }).click();
    await godkend.getByText('Det godkendte beløb kan højst være kravets 12.500 kr.').waitFor();
    await expectNoAxeViolations(k.page, 'Godkend kravet (dialog med fejl)');
    await beloeb.fill('10.000');
    await godkend.getByRole('button', { name: 'Godkend' }).click();
    await k.page.getByRole('status').filter({ hasText: 'Krav nr. 2 er godkendt med 10.000 kr.' }).waitFor();
    await expect.poll(() => text(rowOf(saldo(k.page), ORG))).toBe(`${ORG}\t16.850 kr.\t4.350 kr.\t10.000 kr.\t0 kr.\t0 kr.`);
    await rowOf(kravTable(k.page), 'Nr. 2').getByRole('button', { name: 'Registrér betaling af krav nr. 2' }).click();
    const betal = k.page.getByRole('dialog', { name: 'Registrér betaling' });
    await betal.getByRole('textbox', { name: 'Betalt den' }).fill('2026-12-20');
    await betal.getByRole('button', { name: 'Registrér betalingen' }).click();
    await k.page.getByRole('status').filter({ hasText: 'Betaling af krav nr. 2 (10.000 kr.) er registreret.' }).waitFor();
    await expect.poll(() => text(rowOf(kravTable(k.page), 'Nr. 2'))).toContain('Betalt 10.000 kr. den 20. december 2026');
    await rowOf(kravTable(k.page), 'Nr. 1').getByRole('button', { name: 'Afvis krav nr. 1' }).click();
    const afvis = k.page.getByRole('dialog', { name: 'Afvis kravet' });
    await afvis.getByRole('button', { name: 'Afvis' }).click();
    await afvis.getByText('Skriv hvorfor kravet afvises.').waitFor();
    await afvis.getByRole('textbox', { name: 'Begrundelse' }).fill('Boligen blev returneret; tomgangen er organisationens.');
    await afvis.getByRole('button', { name: 'Afvis' }).click();
    await k.page.getByRole('status').filter({ hasText: 'Krav nr. 1 er afvist.' }).waitFor();
    await expect.poll(() => text(rowOf(saldo(k.page), ORG))).toBe(`${ORG}\t16.850 kr.\t0 kr.\t0 kr.\t10.000 kr.\t4.350 kr.`);
    await expectNoAxeViolations(k.page, 'Krav og saldo (kommunen)');
    await k.finish();

    // The organisation sees the decisions and the balance.
    const o3 = await openPage(org);
    await open(o3.page, '/anvisning/krav', 'Krav og saldo');
    expect(await text(rowOf(saldo(o3.page), ORG))).toBe(`${ORG}\t16.850 kr.\t0 kr.\t0 kr.\t10.000 kr.\t4.350 kr.`);
    expect(await text(rowOf(kravTable(o3.page), 'Nr. 1'))).toContain('Afvist: Boligen blev returneret; tomgangen er organisationens.');
    await o3.finish();
  });

  it('billige boliger: family dwellings by rent band and area category with the default limits and with own limits (Danish errors), and a chart with its table', async () => {
    const { page, finish } = await openPage(kontor);
    await open(page, '/anvisning/billige-boliger', 'Billige boliger');
    const tableName = (aar: number) => `Familieboliger efter husleje og områdets kategori, ${aar}`;
    const table = page.getByRole('table', { name: tableName(YEAR) });
    await table.waitFor();
    expect(await texts(table.locator('tbody th'))).toEqual(['under 3.500 kr.', '3.500-4.000 kr.', '4.000-4.500 kr.', '4.500 kr. og derover', 'I alt']);

    await page.getByRole('combobox', { name: 'År' }).selectOption('2024');
    await page.getByRole('textbox', { name: 'Grænse 1 (kr. pr. måned)' }).fill('3.000');
    await page.getByRole('textbox', { name: 'Grænse 2 (kr. pr. måned)' }).fill('3000');
    await page.getByRole('textbox', { name: 'Grænse 3 (kr. pr. måned)' }).fill('5.000');
    await page.getByRole('button', { name: 'Tilføj grænse' }).click();
    await page.getByRole('textbox', { name: 'Grænse 4 (kr. pr. måned)' }).fill('6.000');
    await page.getByRole('button', { name: 'Vis tabellen' }).click();
    expect(await texts(page.getByRole('alert').filter({ hasText: 'Tabellen er ikke opdateret' }).getByRole('link'))).toEqual(['Grænse 2 skal være over grænse 1 (3.000 kr.).']);
    await page.getByRole('textbox', { name: 'Grænse 2 (kr. pr. måned)' }).fill('4.000');
    await page.getByRole('button', { name: 'Vis tabellen' }).click();
    const own = page.getByRole('table', { name: tableName(2024) });
    await own.waitFor();
    expect(new URL(page.url()).searchParams.get('graenser')).toBe('3000,4000,5000,6000');
    expect(await texts(own.locator('tbody th'))).toEqual(['under 3.000 kr.', '3.000-4.000 kr.', '4.000-5.000 kr.', '5.000-6.000 kr.', '6.000 kr. og derover', 'I alt']);
    const b = await api(kontor, `anvisning/billige-boliger?kommunekode=${DEMO}&aar=2024&graenser=3000,4000,5000,6000`);
    expect(await texts(own.getByRole('columnheader'))).toEqual(['Husleje pr. måned', ...b.kolonner, 'I alt']);
    const fmt = (n: number) => new Intl.NumberFormat('da-DK').format(n);
    for (const [i, r] of (b.raekker as Record<string, number | string>[]).entries()) {
      expect(await text(own.locator('tbody tr').nth(i))).toBe([r.interval, ...b.kolonner.map((k: string) => fmt(Number(r[k]))), fmt(Number(r.i_alt))].join('\t'));
    }
    expect(await text(own.locator('tbody tr').last())).toMatch(new RegExp(`^I alt\\t.*\\t${esc(fmt(b.i_alt))}$`));
    expect(await text(page.getByRole('main'))).toContain('Områdernes kategorier fra listen pr. 1. december 2023 (kommunens beregning).');
    await page.getByRole('img', { name: `Søjlediagram: ${tableName(2024)}. Tallene står i tabellen nedenfor.` }).waitFor();
    await expectNoAxeViolations(page, 'Billige boliger');
    await finish();
  });

  it('who may see what: a reader has no access to cases or vacancies; an organisation none to cases or statistics; the boligkontor none to cases', async () => {
    const r = await openPage(reader);
    r.allowConsoleError(/status of 403/);
    await r.page.goto(`${app.url}/?kommune=${DEMO}`);
    await r.page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await mainMenu(r.page).getByRole('link', { name: 'Anvisning' }).count()).toBe(0);
    await open(r.page, '/anvisning/sager', 'Du har ikke adgang til ansøgerne');
    expect(await text(r.page.getByRole('main'))).toContain('Siden kræver rollen Kommune: boliganvisning. Du har rollen Læser.');
    await expectNoAxeViolations(r.page, 'Ingen adgang til sagerne');
    await open(r.page, '/anvisning/sager/1', 'Du har ikke adgang til ansøgerne');
    await open(r.page, '/anvisning/ledige', 'Du har ikke adgang til kommunal anvisning');
    await open(r.page, '/anvisning', 'Du har ikke adgang til kommunal anvisning');
    expect((await reader.context.request.get(`${app.url}/api/ansoegere?kommunekode=${DEMO}`)).status()).toBe(403);
    expect((await reader.context.request.get(`${app.url}/api/anvisning/ledige?kommunekode=${DEMO}`)).status()).toBe(403);
    await r.finish();

    const o = await openPage(org);
    o.allowConsoleError(/status of 403/);
    await open(o.page, '/anvisning/sager', 'Du har ikke adgang til ansøgerne');
    await open(o.page, '/anvisning/statistik', 'Du har ikke adgang til kommunens tal for anvisning');
    await open(o.page, '/anvisning/tildeling', 'Du har ikke adgang til ansøgerne');
    expect((await org.context.request.get(`${app.url}/api/anvisning/statistik?kommunekode=${DEMO}`)).status()).toBe(403);
    await o.finish();

    const k = await openPage(kontor);
    k.allowConsoleError(/status of 403/);
    await open(k.page, '/anvisning', 'Ledige boliger'); // the first page the role allows
    await open(k.page, '/anvisning/sager', 'Du har ikke adgang til ansøgerne');
    await k.finish();
  });
});
