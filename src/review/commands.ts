/** The review subcommands of the command line: `check` and `report` (registered by src/cli.ts). */
import type { Command } from 'commander';
import { runCheck } from './check-command.js';

export function registerReviewCommands(program: Command, setCode: (code: number) => void): void {
  program
    .command('check')
    .description('quality figures of each book against thresholds (exit 1 when one is over)')
    .argument('[paths...]', 'files or directories to run the pipeline on (searched recursively)')
    .option('--from <dir>', 'read the documents of an existing output directory instead')
    .option('-f, --format <format>', 'text, json or github (GitHub Actions annotations)', 'text')
    .option('--config <file>', 'thresholds file (default: relecteur.config.json, or the "relecteur" key of package.json)')
    .option('-r, --rules <dir>', 'rule set directory')
    .action(async (paths: string[], o: { from?: string; format: string; config?: string; rules?: string }) => {
      setCode(await runCheck(paths, o));
    });
}
