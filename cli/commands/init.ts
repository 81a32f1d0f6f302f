import type { Command } from 'commander';
import { runAction } from '../support/exit.js';
import { printJson } from '../support/json-output.js';

interface InitFlags { featc?: string; name?: string; force?: boolean; json?: boolean }

/** `featc init [dir]`: a team repository with a config, an example view, its feature test and a CI workflow. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .summary('start a repository for feature definitions: config, an example view, its test, CI')
    .description('start a repository for feature definitions: package.json (featc, zod, typescript), tsconfig.json, featc.config.ts, ' +
      'features/ with one example view and its feature test, .gitignore and a GitHub Actions workflow running `featc compile --check` and `featc test`. ' +
      'Existing files are never overwritten without --force.')
    .argument('[dir]', 'the repository folder (created when missing)', '.')
    .option('--name <name>', 'package.json name (default: the folder name)')
    .option('--featc <spec>', 'the featc dependency to write: a version range, or a path to a packed featc tarball (default: this featc\'s version)')
    .option('--force', 'overwrite files that exist')
    .option('--json', 'print the files written as JSON')
    .action((dir: string, flags: InitFlags) => runAction(async () => {
      const { initRepository } = await import('../init/init-repository.js');
      const r = initRepository(dir, flags);
      if (flags.json) {
        printJson({ ok: true, dir: r.dir, files: r.files });
        return;
      }
      for (const f of r.files) console.log(`  created ${f}`);
      console.log(`\nNext:\n${r.next.map((n) => `  ${n}`).join('\n')}`);
    }, flags.json));
}
