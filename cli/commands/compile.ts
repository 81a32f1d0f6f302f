import type { Command } from 'commander';
import { definitionPaths, outDir } from '../support/context.js';
import { printJson } from '../support/json-output.js';

interface CompileOptions { out?: string; json?: boolean; check?: boolean }

/** `featc compile [paths...] --out <dir> [--json] [--check]`: exit 0 ok, 1 diagnostics or stale files, 2 internal. */
export function registerCompile(program: Command): void {
  program
    .command('compile')
    .description('compile feature definitions to Flink SQL, job-graph.json and graph.mmd')
    .argument('[paths...]', 'definition files or directories (default: definitions in featc.config.ts, else features/)')
    .option('--out <dir>', 'output directory, one folder per job (default: outDir in featc.config.ts, else compiled)')
    .option('--json', 'print a machine-readable result')
    .option('--check', 'do not write; exit 1 with a diff when the files on disk are stale (a CI step)')
    .action(async (given: string[], options: CompileOptions) => {
      try {
        const [paths, out] = await Promise.all([definitionPaths(given), outDir(options.out)]);
        const { checkCompiled, compileDefinitions, formatDiagnostics, writeCompiled } = await import('../../compiler/index.js');
        const { jobs, diagnostics } = await compileDefinitions(paths);
        if (diagnostics.length > 0) {
          if (options.json) printJson({ ok: false, diagnostics });
          else console.error(`${formatDiagnostics(diagnostics)}\n\n${diagnostics.length} error(s)`);
          process.exitCode = 1;
          return;
        }
        const compiled = jobs.map((j) => j.job);
        if (options.check) {
          const stale = checkCompiled(out, compiled);
          if (options.json) printJson({ ok: stale.length === 0, stale });
          else if (stale.length > 0) console.error(`${stale.map((s) => s.diff).join('\n\n')}\n\n${stale.length} stale file(s); run featc compile`);
          else console.log(`${compiled.length} job(s) up to date in ${out}`);
          process.exitCode = stale.length === 0 ? 0 : 1;
          return;
        }
        const written = writeCompiled(out, compiled);
        if (options.json) {
          printJson({ ok: true, jobs: compiled.map((j) => ({ name: j.name, hash: j.hash, dir: `${out}/${j.name}` })), files: written });
        } else {
          for (const j of compiled) console.log(`compiled ${j.name} → ${out}/${j.name} (${j.hash.slice(0, 19)})`);
        }
      } catch (err) {
        const { reportError } = await import('../support/exit.js');
        reportError(err, options.json === true);
      }
    });
}
