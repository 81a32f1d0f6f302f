import { Command } from 'commander';
import { registerCommands } from './commands/index.js';

const program = new Command('featc')
  .description('Real-time ML features and inference steps as typed TypeScript, compiled to Flink SQL and run on Apache Flink.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  console.error(`error ${(err as Error).message}`);
  process.exitCode = 2;
}
