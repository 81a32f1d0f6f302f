import { Command } from 'commander';
import { registerCommands } from './commands/index.js';

const program = new Command('featc')
  .description('Real-time ML features and inference steps as typed TypeScript, compiled to Flink SQL and run on Apache Flink.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  // One line per verb in `featc --help`; `featc <verb> --help` has the whole description.
  .configureHelp({ helpWidth: 130, subcommandDescription: (cmd) => oneLine(cmd.summary() || cmd.description()) });

function oneLine(text: string): string {
  const first = text.split(/\.\s/)[0] ?? text;
  return first.length > 88 ? `${first.slice(0, 87)}…` : first;
}

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  console.error(`error ${(err as Error).message}`);
  process.exitCode = 2;
}
