import { compileDefinitions, DiagnosticsError } from '../../compiler/index.js';
import type { ViewCatalog } from '../../runtime/feature-client/view-catalog.js';

/** Compiles definition files or directories (as `featc compile` does) and lists their views, for `featc get`. */
export async function catalogFromDefinitions(paths: readonly string[]): Promise<ViewCatalog> {
  const { jobs, diagnostics } = await compileDefinitions(paths);
  if (diagnostics.length > 0) throw new DiagnosticsError(diagnostics, 'fix the definitions or pass --graph <out>/job-graph.json');
  return {
    from: paths.join(', '),
    outputs: jobs.flatMap(({ job }) => job.graph.outputs),
    views: jobs.flatMap(({ job }) => job.ir.views.map((v) => v.name)),
    jobs: new Map(jobs.map(({ job }) => [job.name, job.ir.views.map((v) => v.name)])),
  };
}
