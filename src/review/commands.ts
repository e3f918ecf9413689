/** The review subcommands of the command line: `check` and `report` (registered by src/cli.ts). */
import type { Command } from 'commander';
import { runCheck } from './check-command.js';
import { runReport } from './report-command.js';

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
  registerReportCommand(program, setCode);
}

export function registerReportCommand(program: Command, setCode: (code: number) => void): void {
  program
    .command('report')
    .description('one self-contained HTML page over the books of an output directory')
    .argument('<out-dir>', 'output directory of `relecteur run`')
    .requiredOption('--html <file>', 'the HTML file to write')
    .option('--config <file>', 'thresholds file for the quality figures (as for check)')
    .action(async (dir: string, o: { html: string; config?: string }) => {
      setCode(await runReport(dir, o));
    });
}
