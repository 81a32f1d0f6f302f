import { DiagnosticBag, type Diagnostic } from './diagnostics/index.js';
import { tryCompileJob, type CompiledJob } from './compile.js';
import { loadDefinitions, type LoadedFile } from './load.js';

export interface CompiledDefinitions {
  /** Compiled jobs, sorted by name. */
  readonly jobs: readonly { readonly file: string; readonly job: CompiledJob }[];
  /** Every problem found, across files; empty when all compiled. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Compiles already-loaded files: job names are unique across files. */
export function compileLoaded(files: readonly LoadedFile[], paths: readonly string[]): CompiledDefinitions {
  const diagnostics: Diagnostic[] = [];
  const jobs: { file: string; job: CompiledJob }[] = [];
  const owners = new Map<string, string>();
  for (const { file, jobs: defs } of files) {
    for (const def of defs) {
      const bag = new DiagnosticBag(file);
      const other = owners.get(def.name);
      if (other !== undefined) {
        bag.report('FEATC_E1004', `${def.name}.name`, def.name, other);
        diagnostics.push(...bag.items);
        continue;
      }
      owners.set(def.name, file);
      const result = tryCompileJob(def, file);
      diagnostics.push(...result.diagnostics);
      if (result.job) jobs.push({ file, job: result.job });
    }
  }
  if (files.length > 0 && owners.size === 0) {
    const bag = new DiagnosticBag(null);
    bag.report('FEATC_E1003', paths.join(', '), paths.join(', '));
    diagnostics.push(...bag.items);
  }
  jobs.sort((a, b) => (a.job.name < b.job.name ? -1 : a.job.name > b.job.name ? 1 : 0));
  return { jobs, diagnostics };
}

/**
 * Loads and compiles every job under `paths` (files or directories).
 * @example `const { jobs, diagnostics } = await compileDefinitions(['jobs/'])`
 */
export async function compileDefinitions(paths: readonly string[]): Promise<CompiledDefinitions> {
  const loaded = await loadDefinitions(paths);
  const compiled = compileLoaded(loaded.files, paths);
  return { jobs: compiled.jobs, diagnostics: [...loaded.diagnostics, ...compiled.diagnostics] };
}
