import type { Command } from 'commander';
import { definitionPaths } from '../support/context.js';
import { runAction } from '../support/exit.js';

/** `featc explain <job> [paths...]`: views, fused operators and state per key of one job. */
export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('show the views, fused operators and state per key of a job')
    .argument('<job>', 'job name')
    .argument('[paths...]', 'definition files or directories (default: definitions in featc.config.ts, else features/)')
    .action((name: string, given: string[]) => runAction(async () => {
      const { compileDefinitions, explainJob, formatDiagnostics } = await import('../../compiler/index.js');
      const { jobs, diagnostics } = await compileDefinitions(await definitionPaths(given));
      if (diagnostics.length > 0) {
        console.error(formatDiagnostics(diagnostics));
        process.exitCode = 1;
        return;
      }
      const found = jobs.find((j) => j.job.name === name);
      if (!found) {
        console.error(`error no job named ${JSON.stringify(name)}; known: ${jobs.map((j) => j.job.name).join(', ') || 'none'}`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(explainJob(found.job));
    }));
}
