// Before the browser tests: builds the web app (unless web/dist is newer than every source file), then starts
// the real app once, in this process, on an in-memory PGlite with the test data. Test files reach it by URL;
// they use disjoint municipalities (0999 and 0163 read, 0147 imported into, 0101 left empty, 0151 and 0153 for
// the access tests' users).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import type { AccessUsers } from './seed-access.ts';

const web = fileURLToPath(new URL('../../web/', import.meta.url));

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))));
}

export async function buildWeb() {
  const built = join(web, 'dist/index.html');
  const sources = Math.max(newest(join(web, 'src')), newest(join(web, 'index.html')), newest(join(web, 'vite.config.ts')));
  if (existsSync(built) && statSync(built).mtimeMs > sources && process.env.ALMEN_E2E_REBUILD !== '1') return;
  const { build } = await import('vite');
  const t = Date.now();
  await build({ configFile: join(web, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  console.log(`web/dist bygget på ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

export interface SharedApp {
  url: string;
  user: { username: string; password: string };
  reader: { username: string; password: string };
  /** One user per role in Ballerup/Brøndby, a locked one, one whose password a test changes. */
  access: AccessUsers;
}

declare module 'vitest' {
  export interface ProvidedContext {
    almen: SharedApp;
  }
}

export default async function setup(project: TestProject) {
  await buildWeb();
  // Imported here so that the app's modules load after the build and only in this process.
  const { startApp } = await import('./harness.ts');
  const { seed } = await import('./seed.ts');
  const { seedAccess } = await import('./seed-access.ts');
  let access: AccessUsers | undefined;
  const app = await startApp(async (db) => {
    await seed(db);
    access = await seedAccess(db);
  });
  project.provide('almen', { url: app.url, user: app.user, reader: app.reader, access: access! });
  return () => app.close();
}
