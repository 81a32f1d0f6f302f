import type { Command } from 'commander';
import { compileDefinitions, explainJob, formatDiagnostics } from '../../compiler/index.js';

/** `featc explain <job> [paths...]`: views, fused operators and state per key of one job. */
export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('show the views, fused operators and state per key of a job')
    .argument('<job>', 'job name')
    .argument('[paths...]', 'definition files or directories', ['jobs/'])
    .action(async (name: string, paths: string[]) => {
      try {
        const { jobs, diagnostics } = await compileDefinitions(paths);
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
      } catch (err) {
        console.error(`error internal: ${(err as Error).stack ?? String(err)}`);
        process.exitCode = 2;
      }
    });
}
