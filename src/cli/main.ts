// The `almen` command: `almen import <file> --type <kind>`, `almen demo [--national <folder>]`.
import { importCommand } from '../features/imports/cli.ts';
import { demoCommand } from '../../demo/cli.ts';

const commands: Record<string, { run: (argv: string[]) => Promise<number>; help: string }> = {
  import: { run: importCommand, help: 'almen import <fil> --type <art> [--kilde TEKST] [--opgjort-pr ÅÅÅÅ-MM-DD]' },
  demo: { run: demoCommand, help: 'almen demo [--national <mappe>] [--seed N]' },
};

const [name, ...rest] = process.argv.slice(2);
const cmd = name ? commands[name] : undefined;
if (!cmd) {
  console.error(`Brug:\n${Object.values(commands).map((c) => '  ' + c.help).join('\n')}`);
  process.exit(name ? 2 : 0);
}
process.exitCode = await cmd.run(rest);
