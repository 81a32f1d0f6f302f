import { Command } from 'commander';
import { registerCommands } from './commands/index.js';
import { setGlobalFlags, type GlobalFlags } from './support/context.js';
import { takesFeatcConfig } from './support/target-options.js';
import { FEATC_VERSION } from './version.js';

const program = new Command('featc')
  .description('Real-time ML features and inference steps as typed TypeScript, compiled to Flink SQL and run on Apache Flink.')
  .version(FEATC_VERSION)
  .option('--target <name>', 'a target of featc.config.ts (its endpoints, Redis, secrets); default: its defaultTarget, else flags, FEATC_* variables, the local stack')
  .showHelpAfterError('(run with --help for usage)')
  // One line per verb in `featc --help`; `featc <verb> --help` has the whole description.
  .configureHelp({ helpWidth: 130, subcommandDescription: (cmd) => oneLine(cmd.summary() || cmd.description()) })
  .addHelpText('after', '\nStart a repository: featc init · docs: the README of the featc package');

program.hook('preAction', (_root, action) => {
  const o = action.optsWithGlobals<GlobalFlags>();
  // `--config` is the featc config only on the verbs that declare it so (the gateway's is its gateway.json).
  setGlobalFlags({ ...(o.target ? { target: o.target } : {}), ...(o.config && takesFeatcConfig(action) ? { config: o.config } : {}) });
});

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
