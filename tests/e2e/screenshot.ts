// The README's picture: the overview of the demo municipality (generated through the ordinary importer),
// 1280x900, written to docs/screenshot.png. Run: npx tsx tests/e2e/screenshot.ts
import { fileURLToPath } from 'node:url';
import { loadDemo } from '../../src/demo-startup.ts';
import { parseKeyring } from '../../src/shared/crypto.ts';
import { TEST_KEYS } from '../app.ts';
import { buildWeb } from './global-setup.ts';
import { launchBrowser, openPage, signIn, startApp } from './harness.ts';

const out = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));

await buildWeb();
const app = await startApp((db) => loadDemo(db, parseKeyring(TEST_KEYS)));
const browser = await launchBrowser({ width: 1280, height: 900 });
try {
  await signIn(browser, app);
  const { page, finish } = await openPage(browser);
  await page.goto(`${app.url}/?kommune=0999`);
  await page.getByRole('img', { name: /Søjlediagram: Almene boliger efter type/ }).waitFor();
  await page.locator('.chart svg').first().waitFor();
  await page.waitForTimeout(800); // the charts' entry animation
  await page.screenshot({ path: out });
  await finish();
  console.log(`Skrev ${out}`);
} finally {
  await browser.close();
  await app.close();
}
