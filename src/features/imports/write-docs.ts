// Writes docs/import-formats.md from formats.ts: npx tsx src/features/imports/write-docs.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatsMarkdown } from './templates.ts';

export const docsPath = fileURLToPath(new URL('../../../docs/import-formats.md', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(docsPath, formatsMarkdown());
  console.log(`Skrev ${docsPath}`);
}
