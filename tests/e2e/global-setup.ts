// Builds the web app once before the browser tests, unless web/dist is newer than every source file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../../web/', import.meta.url));

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))));
}

export default async function setup() {
  const built = join(web, 'dist/index.html');
  const sources = Math.max(newest(join(web, 'src')), newest(join(web, 'index.html')), newest(join(web, 'vite.config.ts')));
  if (existsSync(built) && statSync(built).mtimeMs > sources && process.env.ALMEN_E2E_REBUILD !== '1') return;
  const { build } = await import('vite');
  const t = Date.now();
  await build({ configFile: join(web, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  console.log(`web/dist bygget på ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
