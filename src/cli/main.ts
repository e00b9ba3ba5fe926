// The `almen` command: `almen import <file> --type <kind>`, `almen demo [--national <folder>]`.
import { importCommand } from '../features/imports/cli.ts';
import { demoCommand } from '../../demo/cli.ts';
import { adminCommand, keysCommand, retentionCommand } from '../features/users/cli.ts';

const commands: Record<string, { run: (argv: string[]) => Promise<number>; help: string }> = {
  import: { run: importCommand, help: 'almen import <fil> --type <art> [--kilde TEKST] [--opgjort-pr ÅÅÅÅ-MM-DD]' },
  demo: { run: demoCommand, help: 'almen demo [--national <mappe>] [--seed N]' },
  admin: { run: adminCommand, help: 'almen admin create --username NAVN --kommune KODE [--name "Navn"] [--password-stdin]' },
  retention: { run: retentionCommand, help: 'almen retention [--days N]   (anonymiserer lukkede anvisningssager og sletter udløbne sessioner; kør dagligt)' },
  keys: { run: keysCommand, help: 'almen keys new [ID] | almen keys rotate' },
  lister: { run: (a) => import('../features/arealists/cli.ts').then((m) => m.listerCommand(a)), help: 'almen lister --input <fil> | --personer <fil> --reference <fil> [--json] [--uden-etnisk-kriterium]' },
};

const [name, ...rest] = process.argv.slice(2);
const cmd = name ? commands[name] : undefined;
if (!cmd) {
  console.error(`Brug:\n${Object.values(commands).map((c) => '  ' + c.help).join('\n')}`);
  process.exit(name ? 2 : 0);
}
process.exitCode = await cmd.run(rest);
