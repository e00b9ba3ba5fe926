// `almen demo`: writes generated import files, for the demo municipality or for a synthetic country.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateKommune, summarizeKommune, writeImportFiles, DEMO_KOMMUNE } from './kommune.ts';
import { writeNationalFiles } from './national.ts';

const USAGE = `Brug:
  almen demo --kommune <mappe> [--seed N] [--danish-excel]
      skriver importfiler for demokommunen ${DEMO_KOMMUNE.navn} (${DEMO_KOMMUNE.kode})
  almen demo --national <mappe> [--seed N] [--scale X] [--danish-excel]
      skriver importfiler for et syntetisk land med alle 98 kommuner (X i ]0;1], standard 1)
Alle tal er demodata (genereret, ikke virkelige tal).`;

const fmt = (n: number, decimals = 0) => n.toLocaleString('da-DK', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

function fail(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}

export async function demoCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        kommune: { type: 'string' },
        national: { type: 'string' },
        seed: { type: 'string' },
        scale: { type: 'string' },
        'danish-excel': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return fail(`Ugyldige argumenter: ${(e as Error).message}`);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.kommune === !values.national) return fail('Angiv præcis én af --kommune <mappe> og --national <mappe>.');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) return fail(`--seed skal være et helt tal mellem 0 og 4294967295, ikke "${values.seed}".`);
  const danishExcel = values['danish-excel'] ?? false;

  if (values.kommune) {
    if (values.scale !== undefined) return fail('--scale gælder kun for --national.');
    const folder = resolve(values.kommune);
    const rows = generateKommune(seed);
    writeImportFiles(rows, folder, { danishExcel });
    const s = summarizeKommune(rows);
    console.log(`Demodata for ${DEMO_KOMMUNE.navn} (${DEMO_KOMMUNE.kode}), frø ${seed}, skrevet til ${folder}:`);
    for (const [kind, list] of Object.entries(rows)) console.log(`  ${kind}.csv: ${fmt(list.length)} rækker`);
    console.log(
      `Boliger: ${fmt(s.familie)} familie, ${fmt(s.ungdom)} ungdom, ${fmt(s.aeldre)} ældre, ${fmt(s.pleje)} pleje i ${fmt(s.afdelinger)} afdelinger ` +
        `og ${fmt(s.boligorganisationer)} boligorganisationer; ${fmt(s.almenAndelPct, 1)} % af boligmassen; fraflytning 2023 ${fmt(s.fraflytningFamilie2023Pct, 1)} %; ` +
        `huslejeomsætning ${fmt(s.huslejeomsaetningKr / 1e6, 1)} mio. kr.; ${fmt(s.beboere2024)} beboere (2024).`,
    );
    return 0;
  }

  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!(scale > 0 && scale <= 1)) return fail(`--scale skal være et tal over 0 og højst 1, ikke "${values.scale}".`);
  const folder = resolve(values.national!);
  const c = writeNationalFiles(folder, { seed, scale, danishExcel });
  console.log(`Syntetisk land (demodata), frø ${seed}, skala ${fmt(scale, 3)}, skrevet til ${folder} på ${fmt(c.ms / 1000, 1)} s:`);
  console.log(`  ${fmt(c.kommuner)} kommuner, ${fmt(c.boligorganisationer)} boligorganisationer, ${fmt(c.afdelinger)} afdelinger, ${fmt(c.boliger)} boliger`);
  console.log(`  ${fmt(c.boligomraader)} boligområder, ${fmt(c.noegletalAfdeling)} + ${fmt(c.noegletalBoligomraade)} rækker nøgletal, ${fmt(c.beboere2024)} beboere (2024)`);
  console.log(
    `  familieboliger ${fmt(c.familieAndelPct, 1)} %, almen andel ${fmt(c.almenAndelPct, 1)} %, gns. ${fmt(c.gnsArealM2, 1)} m² og ${fmt(c.gnsVaerelser, 1)} værelser, ` +
      `${fmt(c.gnsHuslejePrM2)} kr./m² om året; størst: ${c.stoersteKommune.navn} med ${fmt(c.stoersteKommune.boliger)} boliger`,
  );
  return 0;
}
